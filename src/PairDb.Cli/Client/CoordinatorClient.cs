using Google.Protobuf;
using PairDb.Cli.Parsing;
using PairDb.Protocol.Coordinator;
using PairDb.Rpc;
using PairDb.Rpc.Client;
using PairDb.Rpc.Contracts;

namespace PairDb.Cli.Client;

/// <summary>
/// The coordinator's operator and key-value API as the CLI uses it: one channel, every call with the --timeout
/// deadline, and a response that says success=false turned into an <see cref="RpcException"/> like any failure.
/// </summary>
public sealed class CoordinatorClient : IDisposable
{
    private readonly GrpcChannel _channel;
    private readonly TimeSpan _timeout;

    public CoordinatorClient(CoordinatorAddress address, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(address);
        Address = address;
        _timeout = timeout;
        // The connect attempt is bounded by the call deadline too, so a silent address fails within --timeout.
        _channel = GrpcChannel.ForAddress(address.Uri, new GrpcChannelOptions { ConnectTimeout = timeout });
    }

    public CoordinatorAddress Address { get; }

    public async Task<ListStorageNodesResponse> ListStorageNodesAsync(CancellationToken cancellationToken)
    {
        var response = await CallAsync(CoordinatorMethods.ListStorageNodes, new ListStorageNodesRequest(), cancellationToken);
        return Checked(response, response.Success, response.ErrorMessage);
    }

    public async Task<ListTenantsResponse> ListTenantsAsync(CancellationToken cancellationToken)
    {
        var response = await CallAsync(CoordinatorMethods.ListTenants, new ListTenantsRequest(), cancellationToken);
        return Checked(response, response.Success, response.ErrorMessage);
    }

    public async Task<ListMigrationsResponse> ListMigrationsAsync(bool activeOnly, CancellationToken cancellationToken)
    {
        var response = await CallAsync(CoordinatorMethods.ListMigrations, new ListMigrationsRequest { ActiveOnly = activeOnly }, cancellationToken);
        return Checked(response, response.Success, response.ErrorMessage);
    }

    public async Task<GetRingResponse> GetRingAsync(string tenantId, CancellationToken cancellationToken)
    {
        var response = await CallAsync(CoordinatorMethods.GetRing, new GetRingRequest { TenantId = tenantId }, cancellationToken);
        return Checked(response, response.Success, response.ErrorMessage);
    }

    public async Task<AddStorageNodeResponse> AddStorageNodeAsync(AddStorageNodeRequest request, CancellationToken cancellationToken)
    {
        var response = await CallAsync(CoordinatorMethods.AddStorageNode, request, cancellationToken);
        return Checked(response, response.Success, response.ErrorMessage);
    }

    public async Task<RemoveStorageNodeResponse> RemoveStorageNodeAsync(string nodeId, bool force, CancellationToken cancellationToken)
    {
        var response = await CallAsync(CoordinatorMethods.RemoveStorageNode, new RemoveStorageNodeRequest { NodeId = nodeId, Force = force }, cancellationToken);
        return Checked(response, response.Success, response.ErrorMessage);
    }

    public async Task<CreateTenantResponse> CreateTenantAsync(string tenantId, int replicationFactor, CancellationToken cancellationToken)
    {
        var request = new CreateTenantRequest { TenantId = tenantId, ReplicationFactor = replicationFactor };
        var response = await CallAsync(CoordinatorMethods.CreateTenant, request, cancellationToken);
        return Checked(response, response.Success, response.ErrorMessage);
    }

    public async Task<GetTenantResponse> GetTenantAsync(string tenantId, CancellationToken cancellationToken)
    {
        var response = await CallAsync(CoordinatorMethods.GetTenant, new GetTenantRequest { TenantId = tenantId }, cancellationToken);
        return Checked(response, response.Success, response.ErrorMessage);
    }

    public async Task<UpdateReplicationFactorResponse> UpdateReplicationFactorAsync(string tenantId, int replicationFactor, CancellationToken cancellationToken)
    {
        var request = new UpdateReplicationFactorRequest { TenantId = tenantId, NewReplicationFactor = replicationFactor };
        var response = await CallAsync(CoordinatorMethods.UpdateReplicationFactor, request, cancellationToken);
        return Checked(response, response.Success, response.ErrorMessage);
    }

    public async Task<GetMigrationStatusResponse> GetMigrationStatusAsync(string migrationId, CancellationToken cancellationToken)
    {
        var response = await CallAsync(CoordinatorMethods.GetMigrationStatus, new GetMigrationStatusRequest { MigrationId = migrationId }, cancellationToken);
        return Checked(response, response.Success, response.ErrorMessage);
    }

    public async Task<WriteKeyValueResponse> WriteAsync(WriteKeyValueRequest request, CancellationToken cancellationToken)
    {
        var response = await CallAsync(CoordinatorMethods.WriteKeyValue, request, cancellationToken);
        return Checked(response, response.Success, response.ErrorMessage);
    }

    public async Task<ReadKeyValueResponse> ReadAsync(ReadKeyValueRequest request, CancellationToken cancellationToken)
    {
        var response = await CallAsync(CoordinatorMethods.ReadKeyValue, request, cancellationToken);
        return Checked(response, response.Success, response.ErrorMessage);
    }

    public async Task<DeleteKeyValueResponse> DeleteAsync(DeleteKeyValueRequest request, CancellationToken cancellationToken)
    {
        var response = await CallAsync(CoordinatorMethods.DeleteKeyValue, request, cancellationToken);
        return Checked(response, response.Success, response.ErrorMessage);
    }

    public void Dispose() => _channel.Dispose();

    // Older PairDB coordinators report some failures in the body (success=false) rather than as a status.
    private static T Checked<T>(T response, bool success, string errorMessage) =>
        success ? response : throw new RpcException(StatusCode.Unknown, errorMessage.Length > 0 ? errorMessage : "The coordinator answered success=false without a message.");

    private Task<TResponse> CallAsync<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, CancellationToken cancellationToken)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new() =>
        _channel.UnaryAsync(method, request, new CallOptions(_timeout, null, cancellationToken));
}
