using PairDb.Actors.Ports;

namespace PairDb.Actors.Cores;

/// <summary>What claiming one key found, or, with no <paramref name="Claim"/>, why the store gave no answer.</summary>
public sealed record ClaimOutcome(IdempotencyClaim? Claim, string? Error = null);
