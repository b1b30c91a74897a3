using Google.Protobuf;
using Grpc.Core;
using PairDb.Client.Internal;
using PairDb.Protocol.Coordinator;

namespace PairDb.Client;

/// <summary>
/// A client of PairDB coordinators: typed reads, writes, deletes, batches and tenant calls over gRPC, with failover
/// between the configured coordinator addresses, retries with backoff within each call's deadline, and one idempotency
/// key per logical write or delete, reused by every retry, so a retried write is never applied twice. Thread-safe;
/// create one per application (it holds one channel per address) and dispose it at the end.
/// </summary>
/// <remarks>
/// Errors: a failed call throws <see cref="PairDbException"/> with its gRPC status (a failed write condition throws
/// <see cref="PairDbConditionFailedException"/>); a cancelled call throws <see cref="OperationCanceledException"/>.
/// A read of a key that has no live version returns null rather than throwing.
/// </remarks>
public sealed partial class PairDbClient : IDisposable
{
    private readonly PairDbClientOptions _options;
    private readonly ChannelSet _channels;
    private readonly CallRunner _runner;

    /// <summary>Creates a client; the options are checked first (<see cref="PairDbClientOptions.Validate"/>).</summary>
    public PairDbClient(PairDbClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _channels = new ChannelSet([.. options.Addresses.Select(CoordinatorAddress.Parse)], options.ConnectTimeout);
        _runner = new CallRunner(_channels, options.Retry, options.Token);
    }

    /// <summary>Writes <paramref name="value"/> under <paramref name="key"/>.</summary>
    /// <exception cref="PairDbConditionFailedException">An if-clock or if-absent condition did not hold.</exception>
    /// <exception cref="PairDbException">The write failed (after the retries the policy allows).</exception>
    public Task<PairDbWriteResult> WriteAsync(string key, byte[] value, PairDbWriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        options ??= new PairDbWriteOptions();
        var request = new WriteKeyValueRequest
        {
            TenantId = TenantOf(options),
            Key = key,
            Value = ByteString.CopyFrom(value),
            Consistency = ConsistencyOf(options),
            IdempotencyKey = options.IdempotencyKey ?? NewIdempotencyKey(),
            Context = ProtoMapping.ToProto(options.Context),
            IfClock = ProtoMapping.ToProto(options.IfClock),
            IfAbsent = options.IfAbsent,
            TtlMs = ProtoMapping.TtlMillis(options.TimeToLive),
        };
        return RunAsync(static (client, call, request) => client.WriteKeyValueAsync(request, call), request, ProtoMapping.ToResult, options, cancellationToken);
    }

    /// <summary>Reads <paramref name="key"/>: its value, merged clock and siblings; null when it has no live version.</summary>
    /// <remarks>An unknown tenant also reads as null (the coordinator answers NOT_FOUND for both); <see cref="GetTenantAsync"/> tells them apart.</remarks>
    /// <exception cref="PairDbException">The read failed (after the retries the policy allows).</exception>
    public async Task<PairDbReadResult?> ReadAsync(string key, PairDbCallOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        options ??= new PairDbCallOptions();
        var request = new ReadKeyValueRequest { TenantId = TenantOf(options), Key = key, Consistency = ConsistencyOf(options) };
        try
        {
            return await RunAsync(static (client, call, request) => client.ReadKeyValueAsync(request, call), request, ProtoMapping.ToResult, options, cancellationToken);
        }
        catch (PairDbException ex) when (ex.StatusCode == StatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Deletes <paramref name="key"/> (writes a tombstone version).</summary>
    /// <exception cref="PairDbConditionFailedException">An if-clock condition did not hold.</exception>
    /// <exception cref="PairDbException">The delete failed (after the retries the policy allows).</exception>
    public Task<PairDbWriteResult> DeleteAsync(string key, PairDbDeleteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        options ??= new PairDbDeleteOptions();
        var request = new DeleteKeyValueRequest
        {
            TenantId = TenantOf(options),
            Key = key,
            Consistency = ConsistencyOf(options),
            IdempotencyKey = options.IdempotencyKey ?? NewIdempotencyKey(),
            Context = ProtoMapping.ToProto(options.Context),
            IfClock = ProtoMapping.ToProto(options.IfClock),
        };
        return RunAsync(static (client, call, request) => client.DeleteKeyValueAsync(request, call), request, ProtoMapping.ToResult, options, cancellationToken);
    }

    /// <summary>Closes the channels to the coordinators.</summary>
    public void Dispose() => _channels.Dispose();

    private static string NewIdempotencyKey() => Guid.NewGuid().ToString("N");

    private string TenantOf(PairDbCallOptions options) => options.Tenant ?? _options.DefaultTenant;

    private string ConsistencyOf(PairDbCallOptions options) => ProtoMapping.Name(options.Consistency ?? _options.DefaultConsistency);

    private async Task<TResult> RunAsync<TRequest, TResponse, TResult>(
        Func<CoordinatorService.CoordinatorServiceClient, CallOptions, TRequest, AsyncUnaryCall<TResponse>> call,
        TRequest request,
        Func<TResponse, TResult> map,
        PairDbCallOptions? options,
        CancellationToken cancellationToken)
    {
        var timeout = options?.Timeout ?? _options.CallTimeout;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero, nameof(PairDbCallOptions.Timeout));
        var response = await _runner.RunAsync((client, callOptions) => call(client, callOptions, request), timeout, cancellationToken);
        return map(response);
    }
}
