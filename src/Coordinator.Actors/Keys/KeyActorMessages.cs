using PairDb.Actors.Cores;
using PairDb.Messages.Protocols;

namespace PairDb.Actors.Keys;

/// <summary>Idempotency claims of a round came back (one outcome per claim request, in order).</summary>
internal sealed record ClaimsDone(IReadOnlyList<ClaimOutcome> Outcomes);

/// <summary>The read of the current versions came back.</summary>
internal sealed record CurrentRead(ReadReply Reply);

/// <summary>The replicated write came back.</summary>
internal sealed record Replicated(WriteQuorumReply Reply);

/// <summary>The round's idempotency records are written or released; the next round may start.</summary>
internal sealed record RoundFinished;
