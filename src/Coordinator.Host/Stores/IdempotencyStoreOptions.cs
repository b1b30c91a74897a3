namespace PairDb.Coordinator.Stores;

/// <summary>How long idempotency records live, and how the embedded store cleans them up.</summary>
public sealed record IdempotencyStoreOptions
{
    /// <summary>How long a completed write is remembered (DESIGN: 24 h).</summary>
    public TimeSpan Retention { get; init; } = TimeSpan.FromHours(24);

    /// <summary>
    /// After this long a pending claim counts as abandoned (its coordinator died mid-write) and may be claimed
    /// again; it must exceed the longest write, so it is well above the request timeout.
    /// </summary>
    public TimeSpan ClaimTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often expired records are deleted.</summary>
    public TimeSpan SweepInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Most records one sweep deletes, so a sweep never holds the store for long.</summary>
    public int SweepBatchSize { get; init; } = 1000;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for a non-positive setting.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Retention, TimeSpan.Zero, nameof(Retention));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ClaimTimeout, TimeSpan.Zero, nameof(ClaimTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(SweepInterval, TimeSpan.Zero, nameof(SweepInterval));
        ArgumentOutOfRangeException.ThrowIfLessThan(SweepBatchSize, 1, nameof(SweepBatchSize));
    }
}
