using PairDb.Messages.Validation;

namespace PairDb.Coordinator.Replicas;

/// <summary>
/// Bounds of call coalescing toward one storage node, per call kind (reads, writes): how many RPCs may be in flight
/// before further calls queue, how many queued calls and how many request bytes one batch RPC carries, and how many
/// calls may queue before one is refused at once with RESOURCE_EXHAUSTED (the replica then counts as overloaded for
/// that request).
/// </summary>
public sealed record CoalescingLimits(
    int MaxInFlight = 1, int MaxBatch = 128, int MaxQueued = 4096, int MaxBatchBytes = RequestLimits.DefaultMaxBatchBytes)
{
    /// <summary>Throws when a bound is not positive or a batch could exceed a storage node's default per-call limit (512).</summary>
    public CoalescingLimits Validated()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxInFlight, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBatch, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxBatch, 512);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxQueued, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBatchBytes, 1);
        return this;
    }

    /// <summary>
    /// Whether a call of <paramref name="nextBytes"/> request bytes may join a batch that holds <paramref name="count"/>
    /// calls of <paramref name="bytes"/> so far: the first call always does (a single call of any allowed size goes out),
    /// later ones while the batch stays within both <see cref="MaxBatch"/> and <see cref="MaxBatchBytes"/>.
    /// </summary>
    public bool Admits(int count, long bytes, int nextBytes) =>
        count == 0 || (count < MaxBatch && bytes + nextBytes <= MaxBatchBytes);
}
