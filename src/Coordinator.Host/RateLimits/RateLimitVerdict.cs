namespace PairDb.Coordinator.RateLimits;

/// <summary>
/// The answer of <see cref="TenantRateLimiter.TryAdmit"/>: admitted, or refused by <see cref="Limit"/> (of
/// <see cref="Rate"/> per second) with how long until the tenant's bucket holds enough again (<see cref="RetryAfter"/>,
/// at least 1 ms).
/// </summary>
public readonly record struct RateLimitVerdict(RateLimitKind? Limit, long Rate, TimeSpan RetryAfter)
{
    public static RateLimitVerdict Admitted => default;

    public bool IsAdmitted => Limit is null;
}
