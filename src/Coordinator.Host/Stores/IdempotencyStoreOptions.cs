namespace PairDb.Coordinator.Stores;

/// <summary>How long idempotency records live, and how the embedded store cleans them up.</summary>
public sealed record IdempotencyStoreOptions
{
    /// <summary>How long a completed write is remembered (DESIGN: 24 h).</summary>
    public TimeSpan Retention { get; init; } = TimeSpan.FromHours(24);


    /// <summary>How often expired records are deleted.</summary>
    public TimeSpan SweepInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Most records one sweep deletes, so a sweep never holds the store for long.</summary>
    public int SweepBatchSize { get; init; } = 1000;

    /// <summary>When a claim made at <paramref name="now"/> to be held until <paramref name="heldUntilUtc"/> lapses: at least 1 ms later.</summary>
    public static DateTimeOffset ClaimExpiry(DateTimeOffset now, DateTime heldUntilUtc)
    {
        var until = new DateTimeOffset(DateTime.SpecifyKind(heldUntilUtc, DateTimeKind.Utc));
        var earliest = now + TimeSpan.FromMilliseconds(1);
        return until > earliest ? until : earliest;
    }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for a non-positive setting.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Retention, TimeSpan.Zero, nameof(Retention));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(SweepInterval, TimeSpan.Zero, nameof(SweepInterval));
        ArgumentOutOfRangeException.ThrowIfLessThan(SweepBatchSize, 1, nameof(SweepBatchSize));
    }
}
