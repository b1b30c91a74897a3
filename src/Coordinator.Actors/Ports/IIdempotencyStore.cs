namespace PairDb.Actors.Ports;

/// <summary>
/// Idempotency records per (tenant, idempotency key): claimed atomically before a write is applied, completed
/// with its response when it succeeded (kept for the retention period, 24 h by default), released when it failed,
/// so only successful writes are remembered and two coordinators never both apply the same idempotent write.
/// </summary>
public interface IIdempotencyStore
{
    /// <summary>
    /// Claims the key for a request with <paramref name="fingerprint"/> until <paramref name="heldUntilUtc"/> (after which
    /// the claim counts as abandoned, its coordinator having died mid-write, and may be claimed again), or reports who
    /// holds it. A claim is held for at least a millisecond.
    /// </summary>
    Task<IdempotencyClaim> ClaimAsync(string tenantId, string idempotencyKey, string fingerprint, DateTime heldUntilUtc, CancellationToken cancellationToken);

    /// <summary>
    /// Records in the caller's claim the stamp of the version about to be sent to the replicas; from then on the claim
    /// is kept for the retention period even after it lapses, so the request that takes it over gets the stamp
    /// (<see cref="IdempotencyClaim.Claimed.Lapsed"/>). False when the caller no longer holds a live claim of the key
    /// (it lapsed or another request took it over): the version must not be sent.
    /// </summary>
    Task<bool> RecordStampAsync(string tenantId, string idempotencyKey, string fingerprint, RecordedStamp stamp, CancellationToken cancellationToken);

    /// <summary>Records the successful response; the claim becomes a completed record.</summary>
    Task CompleteAsync(string tenantId, string idempotencyKey, string fingerprint, IdempotentWriteResult result, CancellationToken cancellationToken);

    /// <summary>
    /// Drops a claim whose write failed, so a retry can apply it; a claim with a recorded stamp (the version may sit on
    /// some replicas) lapses at once instead, so the retry takes it over with the stamp.
    /// </summary>
    Task ReleaseAsync(string tenantId, string idempotencyKey, string fingerprint, CancellationToken cancellationToken);

    /// <summary>One cheap round trip to the backing store (readiness probes); throws when the store does not answer.</summary>
    Task PingAsync(CancellationToken cancellationToken);
}
