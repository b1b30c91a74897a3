using Grpc.Core;
using PairDb.Protocol.Coordinator;

namespace PairDb.Cli.Tests.Support;

/// <summary>The generated CoordinatorService base, every method answered by the one <see cref="FakeCoordinator"/>.</summary>
public sealed class FakeCoordinatorService(FakeCoordinator fake) : CoordinatorService.CoordinatorServiceBase
{
    public override Task<WriteKeyValueResponse> WriteKeyValue(WriteKeyValueRequest request, ServerCallContext context) =>
        fake.HandleAsync(request, context, fake.WriteKeyValue);

    public override Task<ReadKeyValueResponse> ReadKeyValue(ReadKeyValueRequest request, ServerCallContext context) =>
        fake.HandleAsync(request, context, fake.ReadKeyValue);

    public override Task<DeleteKeyValueResponse> DeleteKeyValue(DeleteKeyValueRequest request, ServerCallContext context) =>
        fake.HandleAsync(request, context, fake.DeleteKeyValue);

    public override Task<CreateTenantResponse> CreateTenant(CreateTenantRequest request, ServerCallContext context) =>
        fake.HandleAsync(request, context, fake.CreateTenant);

    public override Task<GetTenantResponse> GetTenant(GetTenantRequest request, ServerCallContext context) =>
        fake.HandleAsync(request, context, fake.GetTenant);

    public override Task<UpdateReplicationFactorResponse> UpdateReplicationFactor(UpdateReplicationFactorRequest request, ServerCallContext context) =>
        fake.HandleAsync(request, context, fake.UpdateReplicationFactor);

    public override Task<AddStorageNodeResponse> AddStorageNode(AddStorageNodeRequest request, ServerCallContext context) =>
        fake.HandleAsync(request, context, fake.AddStorageNode);

    public override Task<RemoveStorageNodeResponse> RemoveStorageNode(RemoveStorageNodeRequest request, ServerCallContext context) =>
        fake.HandleAsync(request, context, fake.RemoveStorageNode);

    public override Task<GetMigrationStatusResponse> GetMigrationStatus(GetMigrationStatusRequest request, ServerCallContext context) =>
        fake.HandleAsync(request, context, fake.GetMigrationStatus);

    public override Task<ListStorageNodesResponse> ListStorageNodes(ListStorageNodesRequest request, ServerCallContext context) =>
        fake.HandleAsync(request, context, fake.ListStorageNodes);

    public override Task<ListTenantsResponse> ListTenants(ListTenantsRequest request, ServerCallContext context) =>
        fake.HandleAsync(request, context, fake.ListTenants);

    public override Task<ListMigrationsResponse> ListMigrations(ListMigrationsRequest request, ServerCallContext context) =>
        fake.HandleAsync(request, context, fake.ListMigrations);

    public override Task<GetRingResponse> GetRing(GetRingRequest request, ServerCallContext context) =>
        fake.HandleAsync(request, context, fake.GetRing);

    public override Task<ListClusterMembersResponse> ListClusterMembers(ListClusterMembersRequest request, ServerCallContext context) =>
        fake.HandleAsync(request, context, fake.ListClusterMembers);

    public override Task<LeaveClusterMemberResponse> LeaveClusterMember(LeaveClusterMemberRequest request, ServerCallContext context) =>
        fake.HandleAsync(request, context, fake.LeaveClusterMember);

    public override Task<DownClusterMemberResponse> DownClusterMember(DownClusterMemberRequest request, ServerCallContext context) =>
        fake.HandleAsync(request, context, fake.DownClusterMember);

    public override Task<GetClusterShardsResponse> GetClusterShards(GetClusterShardsRequest request, ServerCallContext context) =>
        fake.HandleAsync(request, context, fake.GetClusterShards);

    public override Task<CreateTenantTokenResponse> CreateTenantToken(CreateTenantTokenRequest request, ServerCallContext context) =>
        fake.HandleAsync(request, context, fake.CreateTenantToken);

    public override Task<ListTenantTokensResponse> ListTenantTokens(ListTenantTokensRequest request, ServerCallContext context) =>
        fake.HandleAsync(request, context, fake.ListTenantTokens);

    public override Task<RevokeTenantTokenResponse> RevokeTenantToken(RevokeTenantTokenRequest request, ServerCallContext context) =>
        fake.HandleAsync(request, context, fake.RevokeTenantToken);

    public override Task<ListAuditRecordsResponse> ListAuditRecords(ListAuditRecordsRequest request, ServerCallContext context) =>
        fake.HandleAsync(request, context, fake.ListAuditRecords);

    public override Task<SetTenantLimitsResponse> SetTenantLimits(SetTenantLimitsRequest request, ServerCallContext context) =>
        fake.HandleAsync(request, context, fake.SetTenantLimits);

    public override Task<GetRepairStatusResponse> GetRepairStatus(GetRepairStatusRequest request, ServerCallContext context) =>
        fake.HandleAsync(request, context, fake.GetRepairStatus);
}
