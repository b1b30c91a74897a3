namespace PairDb.Client;

/// <summary>The outcome of an applied write or delete.</summary>
/// <param name="Key">The key written.</param>
/// <param name="IdempotencyKey">The idempotency key the write carried (the caller's, or the one the client generated).</param>
/// <param name="Clock">The new version's clock.</param>
/// <param name="ReplicaCount">Replicas that acknowledged the write.</param>
/// <param name="Consistency">The consistency the write was applied with ("one", "quorum" or "all").</param>
/// <param name="IsDuplicate">
/// True when the coordinator had already applied this idempotency key: the answer is the first write's, and nothing
/// was applied again (a retry after a lost answer ends this way).
/// </param>
public sealed record PairDbWriteResult(string Key, string IdempotencyKey, PairDbClock Clock, int ReplicaCount, string Consistency, bool IsDuplicate);
