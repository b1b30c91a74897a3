namespace PairDb.Actors.Cores;

/// <summary>One client idempotency key a round claims, with the fingerprint of the request that uses it.</summary>
public sealed record ClaimRequest(string IdempotencyKey, string Fingerprint);
