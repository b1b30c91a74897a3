namespace PairDb.Client;

/// <summary>Per-call settings; anything left null takes the client's <see cref="PairDbClientOptions"/>.</summary>
public record PairDbCallOptions
{
    /// <summary>The tenant of the call; null: <see cref="PairDbClientOptions.DefaultTenant"/>.</summary>
    public string? Tenant { get; init; }

    /// <summary>The consistency of the call; null: <see cref="PairDbClientOptions.DefaultConsistency"/>.</summary>
    public PairDbConsistency? Consistency { get; init; }

    /// <summary>
    /// The whole call's deadline, every retry included; null: <see cref="PairDbClientOptions.CallTimeout"/>. Past it
    /// the call fails with DEADLINE_EXCEEDED.
    /// </summary>
    public TimeSpan? Timeout { get; init; }
}
