namespace PairDb.Coordinator.Security;

/// <summary>Who may call a gRPC method (the wire path, e.g. /proto.CoordinatorService/ReadKeyValue).</summary>
public enum MethodAccess
{
    /// <summary>Not a method of proto.CoordinatorService (grpc.health.v1, reflection): no credential needed.</summary>
    Open,

    /// <summary>Reads and writes of one tenant's keys: the admin, or a token of the tenant the request names.</summary>
    TenantData,

    /// <summary>GetTenant: the admin, or a token of the tenant it asks about.</summary>
    TenantRead,

    /// <summary>Every other CoordinatorService method (tenants, nodes, migrations, ring, cluster, tokens, audit): the admin only.</summary>
    Admin,
}
