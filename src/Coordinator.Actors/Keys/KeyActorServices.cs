using PairDb.Actors.Migration;
using PairDb.Actors.Ports;
using PairDb.Actors.Quorum;
using PairDb.Actors.Repair;
using PairDb.Actors.Ring;

namespace PairDb.Actors.Keys;

/// <summary>
/// What every key actor shares: the replicas, the idempotency store, the ring view, read-repair and read fanout settings,
/// plus this coordinator's clock id, the clock-size bound, how many queued writes one round may coalesce, and where
/// failed writes to a running migration's future replicas are counted, and the key actors' own counters.
/// </summary>
public sealed record KeyActorServices(
    IReplicaClient Replicas,
    IIdempotencyStore Idempotency,
    RingView Ring,
    ReadRepairSettings Repair,
    ReadFanoutSettings ReadFanout,
    string CoordinatorId,
    int MaxClockEntries,
    int MaxBatch,
    PendingReplicaWrites? PendingWrites = null)
{
    public KeyActorCounters Counters { get; init; } = new();

    /// <summary>How long past a write's deadline its idempotency claim is held (idempotency.claim_margin_ms).</summary>
    public TimeSpan ClaimMargin { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>This coordinator's client endpoint (host:port), named in every write it applies as the key's owner.</summary>
    public string Owner { get; init; } = string.Empty;

    /// <summary>Where a stopping key actor leaves its last stamp for the key's next actor on this node; null keeps none.</summary>
    public LastStampCache? LastStamps { get; init; }

    /// <summary>The hint actor that keeps what a replica missed of a write that reached W; null keeps no hints.</summary>
    public Akka.Actor.IActorRef? Hints { get; init; }
}
