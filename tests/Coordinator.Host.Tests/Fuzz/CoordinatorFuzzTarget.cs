using System.Net;
using Grpc.Net.Client;
using PairDb.Coordinator.Tests.Infrastructure;
using PairDb.Messages.Validation;
using PairDb.Protocol.Coordinator;
using PairDb.Protocol.Storage;

namespace PairDb.Coordinator.Tests.Fuzz;

/// <summary>
/// A coordinator with its three embedded storage nodes, a raw channel to it, and a client per storage node for
/// snapshots. It also knows the only ports an AddStorageNode may name: its own (not a storage node, so the join is
/// refused) and the storage nodes' (already members); the health check a join makes never leaves this process.
/// </summary>
internal sealed class CoordinatorFuzzTarget : IAsyncDisposable
{
    /// <summary>Values at the limit stay cheap to write thousands of times.</summary>
    public const int MaxValueBytes = 64 * 1024;

    /// <summary>The largest request the coordinator takes with that value limit.</summary>
    public static readonly int MaxMessageBytes = RequestLimits.MaxClientRequestBytes(MaxValueBytes);

    private readonly InProcessCoordinator _coordinator;
    private readonly List<GrpcChannel> _storageChannels;

    private CoordinatorFuzzTarget(InProcessCoordinator coordinator)
    {
        _coordinator = coordinator;
        var members = coordinator.Runtime.Embedded!.Members;
        _storageChannels = [.. members.Select(static m => GrpcChannel.ForAddress($"http://{m.Host}:{m.Port}"))];
        StorageNodes = [.. _storageChannels.Select(static c => new StorageNodeService.StorageNodeServiceClient(c))];
        Ports = [new Uri(coordinator.Address).Port, .. members.Select(static m => m.Port)];
        Raw = new RawChannel(coordinator.Address);
    }

    public InProcessCoordinator Coordinator => _coordinator;

    public RawChannel Raw { get; }

    public IReadOnlyList<StorageNodeService.StorageNodeServiceClient> StorageNodes { get; }

    public int[] Ports { get; }

    public static async Task<CoordinatorFuzzTarget> StartAsync()
    {
        // Short migration delays: a factor change the fuzz makes finishes within the run instead of refusing every
        // later membership call as busy.
        var coordinator = await InProcessCoordinator.StartAsync(configure: static o => o with
        {
            MaxValueBytes = MaxValueBytes,
            MigrationSettleDelay = TimeSpan.FromMilliseconds(200),
            MigrationCleanupGrace = TimeSpan.FromMilliseconds(500),
        });
        await coordinator.Client.CreateTenantAsync(new CreateTenantRequest { TenantId = "kv", ReplicationFactor = 2 });
        return new CoordinatorFuzzTarget(coordinator);
    }

    /// <summary>
    /// False for an AddStorageNode the edge would accept with a host or port outside <see cref="Ports"/> on
    /// 127.0.0.1 (a mutation can make one): its health check would go to a name lookup or to another process.
    /// </summary>
    public bool StaysOnLoopback(FuzzCase fuzzCase, FuzzedService service) =>
        service.Parse(fuzzCase) is not AddStorageNodeRequest add
        || string.IsNullOrWhiteSpace(add.Host) || add.Host.Length > 253 || add.Host.Contains(':', StringComparison.Ordinal)
        || add.Port is < 1 or > 65535
        || (IPAddress.TryParse(add.Host, out var ip) && IPAddress.IsLoopback(ip) && Ports.Contains(add.Port));

    /// <summary>The keys a snapshot reads: every tenant and key of the alphabets, and the key the request names.</summary>
    public static IReadOnlyCollection<(string Tenant, string Key)> CheckedKeys(FuzzCase fuzzCase, FuzzedService service)
    {
        var keys = new List<(string, string)>();
        foreach (var tenant in CoordinatorMessages.Tenants)
        {
            keys.AddRange(CoordinatorMessages.Keys.Select(key => (tenant, key)));
        }

        switch (service.Parse(fuzzCase))
        {
            case WriteKeyValueRequest write:
                keys.Add((write.TenantId, write.Key));
                break;
            case DeleteKeyValueRequest delete:
                keys.Add((delete.TenantId, delete.Key));
                break;
            case ReadKeyValueRequest read:
                keys.Add((read.TenantId, read.Key));
                break;
            case BatchWriteRequest batch:
                keys.AddRange(batch.Items.Select(item => (batch.TenantId, item.Key)));
                break;
            case BatchReadRequest batch:
                keys.AddRange(batch.Keys.Select(key => (batch.TenantId, key)));
                break;
        }

        return keys;
    }

    public Task<ClusterSnapshot> SnapshotAsync(IReadOnlyCollection<(string Tenant, string Key)> keys) =>
        ClusterSnapshot.CaptureAsync(_coordinator.Runtime.Edge.Metadata, StorageNodes, keys);

    public async ValueTask DisposeAsync()
    {
        Raw.Dispose();
        foreach (var channel in _storageChannels)
        {
            channel.Dispose();
        }

        await _coordinator.DisposeAsync();
    }
}
