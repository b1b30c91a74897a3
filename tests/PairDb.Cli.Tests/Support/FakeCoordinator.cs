using System.Collections.Concurrent;
using Google.Protobuf;
using Grpc.Core;
using PairDb.Protocol.Coordinator;

namespace PairDb.Cli.Tests.Support;

/// <summary>
/// A coordinator whose answers each test sets (served by <see cref="FakeCoordinatorService"/>): a handler per method returns a canned response or throws an
/// <see cref="RpcException"/>. An unset method answers UNIMPLEMENTED, like a coordinator that lacks it. Every
/// request received is recorded.
/// </summary>
public sealed class FakeCoordinator
{
    private readonly ConcurrentQueue<IMessage> _requests = new();

    public Func<WriteKeyValueRequest, WriteKeyValueResponse>? WriteKeyValue { get; set; }

    public Func<ReadKeyValueRequest, ReadKeyValueResponse>? ReadKeyValue { get; set; }

    public Func<DeleteKeyValueRequest, DeleteKeyValueResponse>? DeleteKeyValue { get; set; }

    public Func<CreateTenantRequest, CreateTenantResponse>? CreateTenant { get; set; }

    public Func<GetTenantRequest, GetTenantResponse>? GetTenant { get; set; }

    public Func<UpdateReplicationFactorRequest, UpdateReplicationFactorResponse>? UpdateReplicationFactor { get; set; }

    public Func<AddStorageNodeRequest, AddStorageNodeResponse>? AddStorageNode { get; set; }

    public Func<RemoveStorageNodeRequest, RemoveStorageNodeResponse>? RemoveStorageNode { get; set; }

    public Func<GetMigrationStatusRequest, GetMigrationStatusResponse>? GetMigrationStatus { get; set; }

    public Func<ListStorageNodesRequest, ListStorageNodesResponse>? ListStorageNodes { get; set; }

    public Func<ListTenantsRequest, ListTenantsResponse>? ListTenants { get; set; }

    public Func<ListMigrationsRequest, ListMigrationsResponse>? ListMigrations { get; set; }

    public Func<GetRingRequest, GetRingResponse>? GetRing { get; set; }

    public Func<ListClusterMembersRequest, ListClusterMembersResponse>? ListClusterMembers { get; set; }

    public Func<LeaveClusterMemberRequest, LeaveClusterMemberResponse>? LeaveClusterMember { get; set; }

    public Func<DownClusterMemberRequest, DownClusterMemberResponse>? DownClusterMember { get; set; }

    public Func<GetClusterShardsRequest, GetClusterShardsResponse>? GetClusterShards { get; set; }

    public Func<CreateTenantTokenRequest, CreateTenantTokenResponse>? CreateTenantToken { get; set; }

    public Func<ListTenantTokensRequest, ListTenantTokensResponse>? ListTenantTokens { get; set; }

    public Func<RevokeTenantTokenRequest, RevokeTenantTokenResponse>? RevokeTenantToken { get; set; }

    public Func<ListAuditRecordsRequest, ListAuditRecordsResponse>? ListAuditRecords { get; set; }

    public Func<SetTenantLimitsRequest, SetTenantLimitsResponse>? SetTenantLimits { get; set; }

    public Func<GetRepairStatusRequest, GetRepairStatusResponse>? GetRepairStatus { get; set; }

    /// <summary>Held before every answer (cancelled with the call), to make calls outlive their deadline.</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>The grpc-timeout header of the last call, as sent.</summary>
    public string? LastTimeoutHeader { get; private set; }

    /// <summary>The authorization header of the last call, as sent (null when none).</summary>
    public string? LastAuthorizationHeader { get; private set; }

    public void Reset()
    {
        WriteKeyValue = null;
        ReadKeyValue = null;
        DeleteKeyValue = null;
        CreateTenant = null;
        GetTenant = null;
        UpdateReplicationFactor = null;
        AddStorageNode = null;
        RemoveStorageNode = null;
        GetMigrationStatus = null;
        ListStorageNodes = null;
        ListTenants = null;
        ListMigrations = null;
        GetRing = null;
        ListClusterMembers = null;
        LeaveClusterMember = null;
        DownClusterMember = null;
        GetClusterShards = null;
        CreateTenantToken = null;
        ListTenantTokens = null;
        RevokeTenantToken = null;
        ListAuditRecords = null;
        SetTenantLimits = null;
        GetRepairStatus = null;
        Delay = TimeSpan.Zero;
        LastTimeoutHeader = null;
        LastAuthorizationHeader = null;
        _requests.Clear();
    }

    /// <summary>The requests of type <typeparamref name="T"/> received so far, in order.</summary>
    public IReadOnlyList<T> Received<T>()
        where T : IMessage => [.. _requests.OfType<T>()];

    /// <summary>Records the request and its deadline header, waits out <see cref="Delay"/>, then answers with the handler.</summary>
    public async Task<TResponse> HandleAsync<TRequest, TResponse>(TRequest request, ServerCallContext context, Func<TRequest, TResponse>? handler)
        where TRequest : IMessage
    {
        _requests.Enqueue(request);
        // grpc-dotnet keeps its reserved headers out of RequestHeaders; the HTTP request still has them.
        LastTimeoutHeader = context.GetHttpContext().Request.Headers["grpc-timeout"].FirstOrDefault();
        LastAuthorizationHeader = context.RequestHeaders.GetValue("authorization");
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, context.CancellationToken);
        }

        return handler is null
            ? throw new RpcException(new Status(StatusCode.Unimplemented, $"Method '{context.Method}' is not implemented by this fake."))
            : handler(request);
    }
}
