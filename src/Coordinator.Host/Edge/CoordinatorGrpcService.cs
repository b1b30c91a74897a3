using Grpc.Core;
using PairDb.Protocol.Coordinator;

namespace PairDb.Coordinator.Edge;

/// <summary>proto.CoordinatorService: each method delegates to the edge class of its family.</summary>
public sealed class CoordinatorGrpcService : CoordinatorService.CoordinatorServiceBase
{
    private readonly KeyValueEdge _keys;
    private readonly BatchEdge _batches;
    private readonly TenantEdge _tenants;
    private readonly NodeEdge _nodes;
    private readonly MigrationEdge _migrations;
    private readonly ClusterEdge _cluster;
    private readonly TokenEdge _tokens;
    private readonly AuditEdge _audit;
    private readonly RepairEdge _repair;

    public CoordinatorGrpcService(EdgeServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var keys = new KeyRequests(services);
        _keys = new KeyValueEdge(services, keys);
        _batches = new BatchEdge(services, keys);
        _tenants = new TenantEdge(services);
        _nodes = new NodeEdge(services);
        _migrations = new MigrationEdge(services);
        _cluster = new ClusterEdge(services);
        _tokens = new TokenEdge(services.Security);
        _audit = new AuditEdge(services.Security);
        _repair = new RepairEdge(services);
    }

    public override Task<WriteKeyValueResponse> WriteKeyValue(WriteKeyValueRequest request, ServerCallContext context) => _keys.WriteAsync(request, context);

    public override Task<ReadKeyValueResponse> ReadKeyValue(ReadKeyValueRequest request, ServerCallContext context) => _keys.ReadAsync(request, context);

    public override Task<DeleteKeyValueResponse> DeleteKeyValue(DeleteKeyValueRequest request, ServerCallContext context) => _keys.DeleteAsync(request, context);

    public override Task<BatchReadResponse> BatchRead(BatchReadRequest request, ServerCallContext context) => _batches.ReadAsync(request, context);

    public override Task<BatchWriteResponse> BatchWrite(BatchWriteRequest request, ServerCallContext context) => _batches.WriteAsync(request, context);

    public override Task<CreateTenantResponse> CreateTenant(CreateTenantRequest request, ServerCallContext context) => _tenants.CreateAsync(request, context);

    public override Task<GetTenantResponse> GetTenant(GetTenantRequest request, ServerCallContext context) => _tenants.GetAsync(request, context);

    public override Task<ListTenantsResponse> ListTenants(ListTenantsRequest request, ServerCallContext context) => _tenants.ListAsync(request, context);

    public override Task<ListStorageNodesResponse> ListStorageNodes(ListStorageNodesRequest request, ServerCallContext context) => _nodes.ListAsync(request, context);

    public override Task<GetRingResponse> GetRing(GetRingRequest request, ServerCallContext context) => _nodes.GetRingAsync(request, context);

    public override Task<UpdateReplicationFactorResponse> UpdateReplicationFactor(UpdateReplicationFactorRequest request, ServerCallContext context) =>
        _migrations.UpdateReplicationFactorAsync(request, context);

    public override Task<AddStorageNodeResponse> AddStorageNode(AddStorageNodeRequest request, ServerCallContext context) => _migrations.AddNodeAsync(request, context);

    public override Task<RemoveStorageNodeResponse> RemoveStorageNode(RemoveStorageNodeRequest request, ServerCallContext context) => _migrations.RemoveNodeAsync(request, context);

    public override Task<GetMigrationStatusResponse> GetMigrationStatus(GetMigrationStatusRequest request, ServerCallContext context) => _migrations.GetStatusAsync(request, context);

    public override Task<ListMigrationsResponse> ListMigrations(ListMigrationsRequest request, ServerCallContext context) => _migrations.ListAsync(request, context);

    public override Task<ListClusterMembersResponse> ListClusterMembers(ListClusterMembersRequest request, ServerCallContext context) => _cluster.ListMembersAsync(request, context);

    public override Task<LeaveClusterMemberResponse> LeaveClusterMember(LeaveClusterMemberRequest request, ServerCallContext context) => _cluster.LeaveMemberAsync(request, context);

    public override Task<DownClusterMemberResponse> DownClusterMember(DownClusterMemberRequest request, ServerCallContext context) => _cluster.DownMemberAsync(request, context);

    public override Task<GetClusterShardsResponse> GetClusterShards(GetClusterShardsRequest request, ServerCallContext context) => _cluster.GetShardsAsync(request, context);

    public override Task<CreateTenantTokenResponse> CreateTenantToken(CreateTenantTokenRequest request, ServerCallContext context) => _tokens.CreateAsync(request, context);

    public override Task<ListTenantTokensResponse> ListTenantTokens(ListTenantTokensRequest request, ServerCallContext context) => _tokens.ListAsync(request, context);

    public override Task<RevokeTenantTokenResponse> RevokeTenantToken(RevokeTenantTokenRequest request, ServerCallContext context) => _tokens.RevokeAsync(request, context);

    public override Task<ListAuditRecordsResponse> ListAuditRecords(ListAuditRecordsRequest request, ServerCallContext context) => _audit.ListAsync(request, context);

    public override Task<SetTenantLimitsResponse> SetTenantLimits(SetTenantLimitsRequest request, ServerCallContext context) => _tenants.SetLimitsAsync(request, context);

    public override Task<GetRepairStatusResponse> GetRepairStatus(GetRepairStatusRequest request, ServerCallContext context) => _repair.GetStatusAsync(request, context);
}
