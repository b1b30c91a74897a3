using PairDb.Actors.Ring;
using PairDb.Coordinator.Health;
using PairDb.Messages.Values;

namespace PairDb.Coordinator.Tests.Health;

/// <summary>Readiness sources whose answers a test sets, counting every store call.</summary>
internal sealed class ScriptedReadinessSources
{
    private int _metadataPings;
    private int _idempotencyPings;
    private int _tenantListings;

    public Func<CancellationToken, Task> MetadataPing { get; set; } = static _ => Task.CompletedTask;

    public Func<CancellationToken, Task> IdempotencyPing { get; set; } = static _ => Task.CompletedTask;

    public IReadOnlyList<Tenant> Tenants { get; set; } = [];

    public RingSnapshot Ring { get; set; } = RingSnapshot.Empty;

    public int MetadataPings => Volatile.Read(ref _metadataPings);

    public int IdempotencyPings => Volatile.Read(ref _idempotencyPings);

    public int TenantListings => Volatile.Read(ref _tenantListings);

    public ReadinessSources Sources => new(
        token =>
        {
            Interlocked.Increment(ref _metadataPings);
            return MetadataPing(token);
        },
        token =>
        {
            Interlocked.Increment(ref _idempotencyPings);
            return IdempotencyPing(token);
        },
        _ =>
        {
            Interlocked.Increment(ref _tenantListings);
            return Task.FromResult(Tenants);
        },
        () => Ring);

    public static Tenant Tenant(string id, int replicationFactor) =>
        new(id, replicationFactor, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, 1);

    /// <summary>A ring of active nodes n1..n<paramref name="active"/> of which the first <paramref name="down"/> are down.</summary>
    public static RingSnapshot RingOf(int active, int down = 0, params StorageNode[] others)
    {
        var nodes = new List<StorageNode>(others);
        var downIds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 1; i <= active; i++)
        {
            nodes.Add(new StorageNode("n" + i, "127.0.0.1", 50060 + i, 16, StorageNodeStatus.Active));
            if (i <= down)
            {
                downIds.Add("n" + i);
            }
        }

        return new RingSnapshot(nodes, downIds, 1);
    }
}
