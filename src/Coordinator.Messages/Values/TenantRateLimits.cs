namespace PairDb.Messages.Values;

/// <summary>
/// A tenant's own rate limits: key requests and request bytes per second that each coordinator admits for it; 0 means
/// unlimited. A tenant without its own (<see cref="Tenant.RateLimits"/> null) gets the configured defaults.
/// </summary>
public sealed record TenantRateLimits(long RequestsPerSecond, long BytesPerSecond)
{
    /// <summary>The highest rate accepted for either limit (a token bucket counts in 32-bit integers).</summary>
    public const long MaxRate = int.MaxValue;

    /// <summary>No limit on either.</summary>
    public static TenantRateLimits Unlimited { get; } = new(0, 0);

    /// <summary>Whether neither limit applies.</summary>
    public bool IsUnlimited => RequestsPerSecond == 0 && BytesPerSecond == 0;

    /// <summary>Whether <paramref name="rate"/> is 0 (unlimited) or a rate up to <see cref="MaxRate"/>.</summary>
    public static bool IsValidRate(long rate) => rate is >= 0 and <= MaxRate;
}
