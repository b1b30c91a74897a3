using PairDb.Messages.Values;

namespace PairDb.Coordinator.RateLimits;

/// <summary>
/// How a coordinator enforces tenants' rate limits: the limits of a tenant without its own (<paramref name="Defaults"/>,
/// rate_limits.default_*), how many seconds of its rate a tenant may spend at once (<paramref name="Burst"/>,
/// rate_limits.burst_ms), at most <paramref name="MaxTenants"/> tenants' buckets kept (rate_limits.max_tenants; the least
/// recently used go first), a bucket unused for <paramref name="IdleAfter"/> dropped (rate_limits.idle_ms; a bucket idle
/// that long is full again, so dropping it changes nothing), and at most <paramref name="MetricTenants"/> tenants named
/// in the refusal metric's tenant label (rate_limits.metric_tenants; later ones are counted as ":other").
/// </summary>
public sealed record RateLimitSettings(TenantRateLimits Defaults, TimeSpan Burst, int MaxTenants, TimeSpan IdleAfter, int MetricTenants)
{
    /// <summary>The longest burst accepted.</summary>
    public static readonly TimeSpan MaxBurst = TimeSpan.FromMinutes(1);

    /// <summary>Unlimited tenants, a burst of one second, 10,000 tenants, dropped after a minute idle, 100 named in metrics.</summary>
    public static RateLimitSettings Default { get; } = new(TenantRateLimits.Unlimited, TimeSpan.FromSeconds(1), 10_000, TimeSpan.FromMinutes(1), 100);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for a bound out of range.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Defaults);
        if (!TenantRateLimits.IsValidRate(Defaults.RequestsPerSecond) || !TenantRateLimits.IsValidRate(Defaults.BytesPerSecond))
        {
            throw new ArgumentOutOfRangeException(nameof(Defaults), Defaults, $"Default rates must be 0..{TenantRateLimits.MaxRate}.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Burst, TimeSpan.Zero, nameof(Burst));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Burst, MaxBurst, nameof(Burst));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxTenants, 1, nameof(MaxTenants));
        ArgumentOutOfRangeException.ThrowIfLessThan(IdleAfter, Burst, nameof(IdleAfter));
        ArgumentOutOfRangeException.ThrowIfNegative(MetricTenants, nameof(MetricTenants));
    }
}
