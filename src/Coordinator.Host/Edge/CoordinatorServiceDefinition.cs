using PairDb.Rpc;
using PairDb.Rpc.Contracts;
using PairDb.Rpc.Server;

namespace PairDb.Coordinator.Edge;

/// <summary>Binds every method of proto.CoordinatorService to its edge handler.</summary>
public static class CoordinatorServiceDefinition
{
    /// <summary>Membership changes and RF updates move data; until that lands they answer UNIMPLEMENTED, plainly.</summary>
    private const string MembershipPending =
        "Membership changes and replication-factor updates (with data migration) are not available in this build yet.";

    public static GrpcServiceDefinition Create(EdgeServices services)
    {
        var keys = new KeyValueEdge(services);
        var tenants = new TenantEdge(services);
        var nodes = new NodeEdge(services);
        return new GrpcServiceBuilder(CoordinatorMethods.ServiceName)
            .Unary(CoordinatorMethods.WriteKeyValue, keys.WriteAsync)
            .Unary(CoordinatorMethods.ReadKeyValue, keys.ReadAsync)
            .Unary(CoordinatorMethods.DeleteKeyValue, keys.DeleteAsync)
            .Unary(CoordinatorMethods.CreateTenant, tenants.CreateAsync)
            .Unary(CoordinatorMethods.GetTenant, tenants.GetAsync)
            .Unary(CoordinatorMethods.ListStorageNodes, nodes.ListAsync)
            .Unary(CoordinatorMethods.UpdateReplicationFactor, (_, _) => Unavailable<Protocol.Coordinator.UpdateReplicationFactorResponse>())
            .Unary(CoordinatorMethods.AddStorageNode, (_, _) => Unavailable<Protocol.Coordinator.AddStorageNodeResponse>())
            .Unary(CoordinatorMethods.RemoveStorageNode, (_, _) => Unavailable<Protocol.Coordinator.RemoveStorageNodeResponse>())
            .Unary(CoordinatorMethods.GetMigrationStatus, (_, _) => Unavailable<Protocol.Coordinator.GetMigrationStatusResponse>())
            .Build();
    }

    private static Task<T> Unavailable<T>() => Task.FromException<T>(new RpcException(StatusCode.Unimplemented, MembershipPending));
}
