using Grpc.Core;
using Grpc.Net.Client;
using PairDb.Cli.Parsing;
using PairDb.Messages.Tls;
using PairDb.Protocol.Coordinator;

namespace PairDb.Cli.Client;

/// <summary>
/// The coordinator's operator and key-value API as the CLI uses it: one channel, every call with the --timeout
/// deadline and (when given) the bearer token, and a response that says success=false turned into an <see cref="RpcException"/> like any failure.
/// </summary>
public sealed class CoordinatorClient : IDisposable
{
    private readonly GrpcChannel _channel;
    private readonly CoordinatorService.CoordinatorServiceClient _client;
    private readonly TimeSpan _timeout;
    private readonly Metadata? _headers;

    /// <param name="address">The coordinator (https:// when it serves TLS).</param>
    /// <param name="timeout">Deadline of each call, and bound of the connect attempt.</param>
    /// <param name="token">Sent as "authorization: Bearer TOKEN" with every call; empty sends none.</param>
    /// <param name="tls">CA and client certificate files; throws <see cref="InvalidDataException"/> when one cannot be loaded.</param>
    public CoordinatorClient(CoordinatorAddress address, TimeSpan timeout, string token, ClientTlsFiles tls)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(tls);
        Address = address;
        _timeout = timeout;
        _headers = token.Length == 0 ? null : new Metadata { { "authorization", "Bearer " + token } };

        // The connect attempt is bounded by the call deadline too, so a silent address fails within --timeout.
        var handler = new SocketsHttpHandler { ConnectTimeout = timeout, UseProxy = false };
        try
        {
            tls.ApplyTo(handler);
        }
        catch
        {
            handler.Dispose();
            throw;
        }

        _channel = GrpcChannel.ForAddress(address.Uri, new GrpcChannelOptions
        {
            HttpHandler = handler,
            DisposeHttpClient = true,
        });
        _client = new CoordinatorService.CoordinatorServiceClient(_channel);
    }

    public CoordinatorAddress Address { get; }

    public async Task<ListStorageNodesResponse> ListStorageNodesAsync(CancellationToken cancellationToken)
    {
        var response = await _client.ListStorageNodesAsync(new ListStorageNodesRequest(), Options(cancellationToken));
        return Checked(response, response.Success, response.ErrorMessage);
    }

    public async Task<ListTenantsResponse> ListTenantsAsync(CancellationToken cancellationToken)
    {
        var response = await _client.ListTenantsAsync(new ListTenantsRequest(), Options(cancellationToken));
        return Checked(response, response.Success, response.ErrorMessage);
    }

    public async Task<ListMigrationsResponse> ListMigrationsAsync(bool activeOnly, CancellationToken cancellationToken)
    {
        var response = await _client.ListMigrationsAsync(new ListMigrationsRequest { ActiveOnly = activeOnly }, Options(cancellationToken));
        return Checked(response, response.Success, response.ErrorMessage);
    }

    public async Task<GetRingResponse> GetRingAsync(string tenantId, CancellationToken cancellationToken)
    {
        var response = await _client.GetRingAsync(new GetRingRequest { TenantId = tenantId }, Options(cancellationToken));
        return Checked(response, response.Success, response.ErrorMessage);
    }

    public async Task<ListClusterMembersResponse> ListClusterMembersAsync(CancellationToken cancellationToken)
    {
        var response = await _client.ListClusterMembersAsync(new ListClusterMembersRequest(), Options(cancellationToken));
        return Checked(response, response.Success, response.ErrorMessage);
    }

    public async Task<LeaveClusterMemberResponse> LeaveClusterMemberAsync(string address, CancellationToken cancellationToken)
    {
        var response = await _client.LeaveClusterMemberAsync(new LeaveClusterMemberRequest { Address = address }, Options(cancellationToken));
        return Checked(response, response.Success, response.ErrorMessage);
    }

    public async Task<DownClusterMemberResponse> DownClusterMemberAsync(string address, CancellationToken cancellationToken)
    {
        var response = await _client.DownClusterMemberAsync(new DownClusterMemberRequest { Address = address }, Options(cancellationToken));
        return Checked(response, response.Success, response.ErrorMessage);
    }

    public async Task<GetClusterShardsResponse> GetClusterShardsAsync(CancellationToken cancellationToken)
    {
        var response = await _client.GetClusterShardsAsync(new GetClusterShardsRequest(), Options(cancellationToken));
        return Checked(response, response.Success, response.ErrorMessage);
    }

    public async Task<AddStorageNodeResponse> AddStorageNodeAsync(AddStorageNodeRequest request, CancellationToken cancellationToken)
    {
        var response = await _client.AddStorageNodeAsync(request, Options(cancellationToken));
        return Checked(response, response.Success, response.ErrorMessage);
    }

    public async Task<RemoveStorageNodeResponse> RemoveStorageNodeAsync(string nodeId, bool force, CancellationToken cancellationToken)
    {
        var response = await _client.RemoveStorageNodeAsync(new RemoveStorageNodeRequest { NodeId = nodeId, Force = force }, Options(cancellationToken));
        return Checked(response, response.Success, response.ErrorMessage);
    }

    public async Task<CreateTenantResponse> CreateTenantAsync(string tenantId, int replicationFactor, CancellationToken cancellationToken)
    {
        var request = new CreateTenantRequest { TenantId = tenantId, ReplicationFactor = replicationFactor };
        var response = await _client.CreateTenantAsync(request, Options(cancellationToken));
        return Checked(response, response.Success, response.ErrorMessage);
    }

    public async Task<GetTenantResponse> GetTenantAsync(string tenantId, CancellationToken cancellationToken)
    {
        var response = await _client.GetTenantAsync(new GetTenantRequest { TenantId = tenantId }, Options(cancellationToken));
        return Checked(response, response.Success, response.ErrorMessage);
    }

    public async Task<SetTenantLimitsResponse> SetTenantLimitsAsync(SetTenantLimitsRequest request, CancellationToken cancellationToken)
    {
        var response = await _client.SetTenantLimitsAsync(request, Options(cancellationToken));
        return Checked(response, response.Success, response.ErrorMessage);
    }

    public async Task<UpdateReplicationFactorResponse> UpdateReplicationFactorAsync(string tenantId, int replicationFactor, CancellationToken cancellationToken)
    {
        var request = new UpdateReplicationFactorRequest { TenantId = tenantId, NewReplicationFactor = replicationFactor };
        var response = await _client.UpdateReplicationFactorAsync(request, Options(cancellationToken));
        return Checked(response, response.Success, response.ErrorMessage);
    }

    public async Task<GetMigrationStatusResponse> GetMigrationStatusAsync(string migrationId, CancellationToken cancellationToken)
    {
        var response = await _client.GetMigrationStatusAsync(new GetMigrationStatusRequest { MigrationId = migrationId }, Options(cancellationToken));
        return Checked(response, response.Success, response.ErrorMessage);
    }

    public async Task<WriteKeyValueResponse> WriteAsync(WriteKeyValueRequest request, CancellationToken cancellationToken)
    {
        var response = await _client.WriteKeyValueAsync(request, Options(cancellationToken));
        return Checked(response, response.Success, response.ErrorMessage);
    }

    public async Task<ReadKeyValueResponse> ReadAsync(ReadKeyValueRequest request, CancellationToken cancellationToken)
    {
        var response = await _client.ReadKeyValueAsync(request, Options(cancellationToken));
        return Checked(response, response.Success, response.ErrorMessage);
    }

    public async Task<DeleteKeyValueResponse> DeleteAsync(DeleteKeyValueRequest request, CancellationToken cancellationToken)
    {
        var response = await _client.DeleteKeyValueAsync(request, Options(cancellationToken));
        return Checked(response, response.Success, response.ErrorMessage);
    }

    public async Task<CreateTenantTokenResponse> CreateTenantTokenAsync(string tenantId, CancellationToken cancellationToken)
    {
        var response = await _client.CreateTenantTokenAsync(new CreateTenantTokenRequest { TenantId = tenantId }, Options(cancellationToken));
        return Checked(response, response.Success, response.ErrorMessage);
    }

    public async Task<ListTenantTokensResponse> ListTenantTokensAsync(string tenantId, int pageSize, CancellationToken cancellationToken)
    {
        var response = await _client.ListTenantTokensAsync(new ListTenantTokensRequest { TenantId = tenantId, PageSize = pageSize }, Options(cancellationToken));
        return Checked(response, response.Success, response.ErrorMessage);
    }

    public async Task<RevokeTenantTokenResponse> RevokeTenantTokenAsync(string tokenId, CancellationToken cancellationToken)
    {
        var response = await _client.RevokeTenantTokenAsync(new RevokeTenantTokenRequest { TokenId = tokenId }, Options(cancellationToken));
        return Checked(response, response.Success, response.ErrorMessage);
    }

    public async Task<ListAuditRecordsResponse> ListAuditRecordsAsync(int pageSize, long beforeId, CancellationToken cancellationToken)
    {
        var response = await _client.ListAuditRecordsAsync(new ListAuditRecordsRequest { PageSize = pageSize, BeforeId = beforeId }, Options(cancellationToken));
        return Checked(response, response.Success, response.ErrorMessage);
    }

    public async Task<GetRepairStatusResponse> GetRepairStatusAsync(bool includeRanges, CancellationToken cancellationToken)
    {
        var response = await _client.GetRepairStatusAsync(new GetRepairStatusRequest { IncludeRanges = includeRanges }, Options(cancellationToken));
        return Checked(response, response.Success, response.ErrorMessage);
    }

    public void Dispose() => _channel.Dispose();

    // Older PairDB coordinators report some failures in the body (success=false) rather than as a status.
    private static T Checked<T>(T response, bool success, string errorMessage) =>
        success ? response : throw new RpcException(new Status(StatusCode.Unknown, errorMessage.Length > 0 ? errorMessage : "The coordinator answered success=false without a message."));

    // The deadline is taken when each call starts, so a watch loop's later calls get the full --timeout too.
    private CallOptions Options(CancellationToken cancellationToken) =>
        new(headers: _headers, deadline: DateTime.UtcNow + _timeout, cancellationToken: cancellationToken);
}
