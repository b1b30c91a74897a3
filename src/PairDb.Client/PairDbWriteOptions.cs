namespace PairDb.Client;

/// <summary>Settings of one write; at most one of <see cref="Context"/>, <see cref="IfClock"/> and <see cref="IfAbsent"/>.</summary>
public sealed record PairDbWriteOptions : PairDbCallOptions
{
    /// <summary>
    /// The idempotency key of this logical write; null: the client generates one. Every retry of the call, on any
    /// coordinator, sends the same key, so the write is applied at most once.
    /// </summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>
    /// The causal context: the clock of the read this write is based on. The write supersedes exactly the versions
    /// this clock covers; versions written since stay as siblings. Null: a blind write that supersedes every version.
    /// </summary>
    public PairDbClock? Context { get; init; }

    /// <summary>
    /// Apply only if the key's current merged clock equals this one (<see cref="PairDbClock.Empty"/>: only if the key
    /// has no version); otherwise <see cref="PairDbConditionFailedException"/>.
    /// </summary>
    public PairDbClock? IfClock { get; init; }

    /// <summary>Apply only if the key has no live version; otherwise <see cref="PairDbConditionFailedException"/>.</summary>
    public bool IfAbsent { get; init; }

    /// <summary>Time to live: once passed, the key reads as absent. Null: never expires.</summary>
    public TimeSpan? TimeToLive { get; init; }
}
