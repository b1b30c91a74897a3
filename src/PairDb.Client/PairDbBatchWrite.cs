namespace PairDb.Client;

/// <summary>One write or delete of a batch; the fields mean what they mean in <see cref="PairDbWriteOptions"/>.</summary>
public sealed record PairDbBatchWrite
{
    /// <summary>The key to write or delete.</summary>
    public required string Key { get; init; }

    /// <summary>The value to write; ignored for a delete.</summary>
    public byte[] Value { get; init; } = [];

    /// <summary>True: write a tombstone instead of <see cref="Value"/> (then <see cref="IfAbsent"/> and <see cref="TimeToLive"/> stay unset).</summary>
    public bool Delete { get; init; }

    /// <summary>The item's idempotency key; null: the client generates one, reused if the batch is retried.</summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>The causal context of the item.</summary>
    public PairDbClock? Context { get; init; }

    /// <summary>Apply the item only if the key's current merged clock equals this one.</summary>
    public PairDbClock? IfClock { get; init; }

    /// <summary>Apply the item only if the key has no live version.</summary>
    public bool IfAbsent { get; init; }

    /// <summary>The item's time to live; null: never expires.</summary>
    public TimeSpan? TimeToLive { get; init; }
}
