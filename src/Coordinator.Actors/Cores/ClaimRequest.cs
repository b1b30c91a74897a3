namespace PairDb.Actors.Cores;

/// <summary>
/// One client idempotency key a round claims, with the fingerprint of the request that uses it and when the claim
/// lapses: the write's deadline plus the claim margin, so a claim outlives every attempt to apply its write.
/// </summary>
public sealed record ClaimRequest(string IdempotencyKey, string Fingerprint, DateTime HeldUntilUtc);
