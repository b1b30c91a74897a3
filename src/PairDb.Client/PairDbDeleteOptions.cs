namespace PairDb.Client;

/// <summary>Settings of one delete; at most one of <see cref="Context"/> and <see cref="IfClock"/>.</summary>
public sealed record PairDbDeleteOptions : PairDbCallOptions
{
    /// <summary>The idempotency key of this logical delete; null: the client generates one, reused by every retry.</summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>The causal context: the tombstone supersedes exactly the versions this clock covers.</summary>
    public PairDbClock? Context { get; init; }

    /// <summary>Delete only if the key's current merged clock equals this one; otherwise <see cref="PairDbConditionFailedException"/>.</summary>
    public PairDbClock? IfClock { get; init; }
}
