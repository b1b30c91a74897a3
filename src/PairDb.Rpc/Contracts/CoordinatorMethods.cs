using PairDb.Protocol.Coordinator;

namespace PairDb.Rpc.Contracts;

/// <summary>Typed methods of proto.CoordinatorService (protos/coordinator.proto).</summary>
public static class CoordinatorMethods
{
    public const string ServiceName = "proto.CoordinatorService";

    public static readonly Method<WriteKeyValueRequest, WriteKeyValueResponse> WriteKeyValue = new(MethodType.Unary, ServiceName, "WriteKeyValue");
    public static readonly Method<ReadKeyValueRequest, ReadKeyValueResponse> ReadKeyValue = new(MethodType.Unary, ServiceName, "ReadKeyValue");
    public static readonly Method<DeleteKeyValueRequest, DeleteKeyValueResponse> DeleteKeyValue = new(MethodType.Unary, ServiceName, "DeleteKeyValue");
    public static readonly Method<CreateTenantRequest, CreateTenantResponse> CreateTenant = new(MethodType.Unary, ServiceName, "CreateTenant");
    public static readonly Method<UpdateReplicationFactorRequest, UpdateReplicationFactorResponse> UpdateReplicationFactor = new(MethodType.Unary, ServiceName, "UpdateReplicationFactor");
    public static readonly Method<GetTenantRequest, GetTenantResponse> GetTenant = new(MethodType.Unary, ServiceName, "GetTenant");
    public static readonly Method<AddStorageNodeRequest, AddStorageNodeResponse> AddStorageNode = new(MethodType.Unary, ServiceName, "AddStorageNode");
    public static readonly Method<RemoveStorageNodeRequest, RemoveStorageNodeResponse> RemoveStorageNode = new(MethodType.Unary, ServiceName, "RemoveStorageNode");
    public static readonly Method<GetMigrationStatusRequest, GetMigrationStatusResponse> GetMigrationStatus = new(MethodType.Unary, ServiceName, "GetMigrationStatus");
    public static readonly Method<ListStorageNodesRequest, ListStorageNodesResponse> ListStorageNodes = new(MethodType.Unary, ServiceName, "ListStorageNodes");
    public static readonly Method<ListTenantsRequest, ListTenantsResponse> ListTenants = new(MethodType.Unary, ServiceName, "ListTenants");
    public static readonly Method<ListMigrationsRequest, ListMigrationsResponse> ListMigrations = new(MethodType.Unary, ServiceName, "ListMigrations");
    public static readonly Method<GetRingRequest, GetRingResponse> GetRing = new(MethodType.Unary, ServiceName, "GetRing");
}
