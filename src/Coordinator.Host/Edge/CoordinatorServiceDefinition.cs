using PairDb.Rpc.Contracts;
using PairDb.Rpc.Server;

namespace PairDb.Coordinator.Edge;

/// <summary>Binds every method of proto.CoordinatorService to its edge handler.</summary>
public static class CoordinatorServiceDefinition
{
    public static GrpcServiceDefinition Create(EdgeServices services)
    {
        var keys = new KeyValueEdge(services);
        var tenants = new TenantEdge(services);
        var nodes = new NodeEdge(services);
        var migrations = new MigrationEdge(services);
        return new GrpcServiceBuilder(CoordinatorMethods.ServiceName)
            .Unary(CoordinatorMethods.WriteKeyValue, keys.WriteAsync)
            .Unary(CoordinatorMethods.ReadKeyValue, keys.ReadAsync)
            .Unary(CoordinatorMethods.DeleteKeyValue, keys.DeleteAsync)
            .Unary(CoordinatorMethods.CreateTenant, tenants.CreateAsync)
            .Unary(CoordinatorMethods.GetTenant, tenants.GetAsync)
            .Unary(CoordinatorMethods.ListTenants, tenants.ListAsync)
            .Unary(CoordinatorMethods.ListStorageNodes, nodes.ListAsync)
            .Unary(CoordinatorMethods.GetRing, nodes.GetRingAsync)
            .Unary(CoordinatorMethods.UpdateReplicationFactor, migrations.UpdateReplicationFactorAsync)
            .Unary(CoordinatorMethods.AddStorageNode, migrations.AddNodeAsync)
            .Unary(CoordinatorMethods.RemoveStorageNode, migrations.RemoveNodeAsync)
            .Unary(CoordinatorMethods.GetMigrationStatus, migrations.GetStatusAsync)
            .Unary(CoordinatorMethods.ListMigrations, migrations.ListAsync)
            .Build();
    }
}
