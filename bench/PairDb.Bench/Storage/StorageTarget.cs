using Google.Protobuf;
using Grpc.Net.Client;
using PairDb.Bench.Load;
using PairDb.Protocol.Storage;
using Version = PairDb.Protocol.Storage.Version;

namespace PairDb.Bench.Storage;

/// <summary>
/// Writes and reads one storage node directly, as a coordinator would. Every write carries the clock
/// {bench: n} with n taken from one increasing counter, so it dominates whatever the key held and is applied.
/// </summary>
public sealed class StorageTarget : IKvTarget
{
    private const string ClockNode = "bench";
    private const string CoordinatorId = "pairdb-bench";

    private readonly StorageNodeService.StorageNodeServiceClient _client;
    private readonly string _tenant;
    private readonly ByteString _value;
    private readonly TimeSpan _timeout;

    // Starts at the current Unix microseconds so a rerun against the same data directory still dominates.
    private long _counter = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000;

    public StorageTarget(GrpcChannel channel, LoadOptions options, ByteString value)
    {
        ArgumentNullException.ThrowIfNull(options);
        _client = new StorageNodeService.StorageNodeServiceClient(channel);
        _tenant = options.Tenant;
        _value = value;
        _timeout = options.RequestTimeout;
    }

    public Task WriteAsync(string key)
    {
        var counter = Interlocked.Increment(ref _counter);
        var version = new Version { Value = _value, TimestampMicros = counter, CoordinatorId = CoordinatorId };
        version.Clock.Add(new ClockEntry { NodeId = ClockNode, Counter = counter });
        return _client.WriteAsync(new WriteRequest { TenantId = _tenant, Key = key, Version = version }, deadline: DateTime.UtcNow + _timeout).ResponseAsync;
    }

    public async Task ReadAsync(string key)
    {
        var response = await _client.ReadAsync(new ReadRequest { TenantId = _tenant, Key = key }, deadline: DateTime.UtcNow + _timeout);
        if (!response.Found)
        {
            // A miss would measure the cheap path; the preload wrote every key, so this means the run is wrong.
            throw new InvalidOperationException($"Key '{key}' was not found on the storage node.");
        }
    }
}
