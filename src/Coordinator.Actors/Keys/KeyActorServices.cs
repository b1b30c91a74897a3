using PairDb.Actors.Ports;
using PairDb.Actors.Repair;
using PairDb.Actors.Ring;

namespace PairDb.Actors.Keys;

/// <summary>
/// What every key actor shares: the replicas, the idempotency store, the ring view and read-repair settings,
/// plus this coordinator's clock id, the clock-size bound and how many queued writes one round may coalesce.
/// </summary>
public sealed record KeyActorServices(
    IReplicaClient Replicas,
    IIdempotencyStore Idempotency,
    RingView Ring,
    ReadRepairSettings Repair,
    string CoordinatorId,
    int MaxClockEntries,
    int MaxBatch);
