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

    /// <summary>Records the successful response; the claim becomes a completed record.</summary>
    Task CompleteAsync(string tenantId, string idempotencyKey, string fingerprint, IdempotentWriteResult result, CancellationToken cancellationToken);

    /// <summary>Drops a claim whose write failed, so a retry can apply it.</summary>
    Task ReleaseAsync(string tenantId, string idempotencyKey, string fingerprint, CancellationToken cancellationToken);

    /// <summary>One cheap round trip to the backing store (readiness probes); throws when the store does not answer.</summary>
    Task PingAsync(CancellationToken cancellationToken);
}
