using PairDb.Actors.Cores;

namespace PairDb.Actors.Keys;

/// <summary>Idempotency claims of a round came back (one outcome per claim request, in order).</summary>
internal sealed record ClaimsDone(IReadOnlyList<ClaimOutcome> Outcomes);

/// <summary>A round's stamps were recorded in its claims (one outcome per record, in order; null: no answer).</summary>
internal sealed record StampsRecorded(IReadOnlyList<bool?> Outcomes);

/// <summary>The round's idempotency records are written or released; the next round may start.</summary>
internal sealed record RoundFinished;
