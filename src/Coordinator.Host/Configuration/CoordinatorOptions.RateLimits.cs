using System.Globalization;
using PairDb.Coordinator.RateLimits;
using PairDb.Messages.Values;

namespace PairDb.Coordinator.Configuration;

/// <summary>The rate_limits.* settings: the limits of tenants without their own, and the bounds of the buckets kept.</summary>
public sealed partial record CoordinatorOptions
{
    /// <summary>
    /// rate_limits.default_requests_per_second / RATE_LIMIT_DEFAULT_REQUESTS_PER_SECOND: key requests per second each
    /// coordinator admits for a tenant without limits of its own (0: unlimited).
    /// </summary>
    public long RateLimitDefaultRequestsPerSecond { get; init; }

    /// <summary>
    /// rate_limits.default_bytes_per_second / RATE_LIMIT_DEFAULT_BYTES_PER_SECOND: request bytes per second each
    /// coordinator admits for a tenant without limits of its own (0: unlimited).
    /// </summary>
    public long RateLimitDefaultBytesPerSecond { get; init; }

    /// <summary>rate_limits.burst_ms / RATE_LIMIT_BURST_MS: how much of its rate a tenant may spend at once (bucket size = rate × burst).</summary>
    public TimeSpan RateLimitBurst { get; init; } = RateLimitSettings.Default.Burst;

    /// <summary>rate_limits.max_tenants / RATE_LIMIT_MAX_TENANTS: tenants whose buckets a coordinator keeps; the least recently used go first.</summary>
    public int RateLimitMaxTenants { get; init; } = RateLimitSettings.Default.MaxTenants;

    /// <summary>rate_limits.idle_ms / RATE_LIMIT_IDLE_MS: a tenant's buckets unused this long are dropped (at least rate_limits.burst_ms).</summary>
    public TimeSpan RateLimitIdle { get; init; } = RateLimitSettings.Default.IdleAfter;

    /// <summary>rate_limits.metric_tenants / RATE_LIMIT_METRIC_TENANTS: tenants named in coordinator_rate_limited_total; later ones count as ":other".</summary>
    public int RateLimitMetricTenants { get; init; } = RateLimitSettings.Default.MetricTenants;

    /// <summary>The rate limit settings as the edge's limiter takes them.</summary>
    public RateLimitSettings RateLimits => new(
        new TenantRateLimits(RateLimitDefaultRequestsPerSecond, RateLimitDefaultBytesPerSecond), RateLimitBurst, RateLimitMaxTenants, RateLimitIdle, RateLimitMetricTenants);

    private void ValidateRateLimits()
    {
        if (RateLimitBurst > RateLimitSettings.MaxBurst)
        {
            throw new CoordinatorConfigurationException(
                "rate_limits.burst_ms",
                RateLimitBurst.TotalMilliseconds.ToString(CultureInfo.InvariantCulture),
                $"Invalid setting rate_limits.burst_ms (RATE_LIMIT_BURST_MS): must not exceed {RateLimitSettings.MaxBurst.TotalMilliseconds:0}, got '{RateLimitBurst.TotalMilliseconds:0}'.");
        }

        if (RateLimitIdle < RateLimitBurst)
        {
            throw new CoordinatorConfigurationException(
                "rate_limits.idle_ms",
                RateLimitIdle.TotalMilliseconds.ToString(CultureInfo.InvariantCulture),
                $"Invalid setting rate_limits.idle_ms (RATE_LIMIT_IDLE_MS): must be at least rate_limits.burst_ms ({RateLimitBurst.TotalMilliseconds:0}), "
                + $"since a bucket is dropped only once it is full again, got '{RateLimitIdle.TotalMilliseconds:0}'.");
        }
    }
}
