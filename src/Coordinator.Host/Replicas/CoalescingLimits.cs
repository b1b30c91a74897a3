namespace PairDb.Coordinator.Replicas;

/// <summary>
/// Bounds of call coalescing toward one storage node, per call kind (reads, writes): how many RPCs may be in flight
/// before further calls queue, how many queued calls one batch RPC carries, and how many may queue before a call is
/// refused at once with RESOURCE_EXHAUSTED (the replica then counts as failed for that request).
/// </summary>
public sealed record CoalescingLimits(int MaxInFlight = 1, int MaxBatch = 128, int MaxQueued = 4096)
{
    /// <summary>Throws when a bound is not positive or a batch could exceed a storage node's default per-call limit (512).</summary>
    public CoalescingLimits Validated()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxInFlight, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBatch, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxBatch, 512);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxQueued, 1);
        return this;
    }
}
