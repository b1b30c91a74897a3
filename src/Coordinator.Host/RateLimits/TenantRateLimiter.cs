using PairDb.Actors.Support;
using PairDb.Coordinator.Observability;
using PairDb.Messages.Values;

namespace PairDb.Coordinator.RateLimits;

/// <summary>
/// Each tenant's rate limits on this coordinator: token buckets per tenant (<see cref="TenantBuckets"/>) for the limits
/// its record names, or the configured defaults when it names none. Unlimited tenants keep no buckets. At most
/// <see cref="RateLimitSettings.MaxTenants"/> tenants' buckets are kept (the least recently used are forgotten first,
/// and start full again when next used) and buckets unused for <see cref="RateLimitSettings.IdleAfter"/> are dropped. A
/// tenant's changed limits (a new record from the tenant cache) replace its buckets at its next call, so a change takes
/// effect without a restart. Limits are per coordinator: N coordinators together admit up to N times a tenant's limit.
/// </summary>
public sealed class TenantRateLimiter
{
    /// <summary>The tenant label of refusals of tenants beyond rate_limits.metric_tenants (no tenant id contains ':').</summary>
    public const string OtherTenantsLabel = ":other";

    private readonly RateLimitSettings _settings;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly LruSegment<TenantBuckets> _buckets;
    private readonly BoundedLabels _metricLabels;
    private readonly long _idle;
    private long _nextSweep;
    private long _refused;

    public TenantRateLimiter(RateLimitSettings settings, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(time);
        settings.Validate();
        _settings = settings;
        _time = time;
        _buckets = new LruSegment<TenantBuckets>(settings.MaxTenants);
        _metricLabels = new BoundedLabels(settings.MetricTenants, OtherTenantsLabel);
        _idle = (long)Math.Ceiling(settings.IdleAfter.TotalSeconds * time.TimestampFrequency);
        _nextSweep = time.GetTimestamp() + _idle;
    }

    /// <summary>Tenants whose buckets are kept now.</summary>
    public int Count => _buckets.Count;

    /// <summary>Calls refused since start.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>The limits <paramref name="tenant"/> is held to here: its own, or the configured defaults.</summary>
    public TenantRateLimits LimitsOf(Tenant tenant)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        return tenant.RateLimits ?? _settings.Defaults;
    }

    /// <summary>
    /// Admits a call of <paramref name="tenant"/> costing <paramref name="requests"/> requests and <paramref name="bytes"/>
    /// request bytes, taking them from its buckets; or refuses it (taking nothing more), counted in
    /// coordinator_rate_limited_total by tenant and limit.
    /// </summary>
    public RateLimitVerdict TryAdmit(Tenant tenant, int requests, long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(requests);
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        var limits = LimitsOf(tenant);
        if (limits.IsUnlimited)
        {
            return RateLimitVerdict.Admitted;
        }

        var verdict = BucketsOf(tenant.TenantId, limits).TryTake(requests, bytes);
        if (!verdict.IsAdmitted)
        {
            Interlocked.Increment(ref _refused);
            CoordinatorInstruments.RateLimited(_metricLabels.Of(tenant.TenantId), verdict.Limit == RateLimitKind.Requests ? "requests" : "bytes");
        }

        return verdict;
    }

    /// <summary>Tenant ids whose buckets are kept, from most to least recently used.</summary>
    public IReadOnlyList<string> TenantsByRecency() => _buckets.KeysByRecency();

    private TenantBuckets BucketsOf(string tenantId, TenantRateLimits limits)
    {
        var now = _time.GetTimestamp();
        lock (_gate)
        {
            if (now >= _nextSweep)
            {
                _buckets.RemoveExpiredOldest(now);
                _nextSweep = now + _idle;
            }

            if (!_buckets.TryGet(tenantId, now, out var buckets) || buckets.Limits != limits)
            {
                buckets = new TenantBuckets(limits, _settings.Burst);
            }

            // Set again on every call: the bucket becomes the most recently used and its idle expiry moves on.
            _buckets.Set(tenantId, buckets, now + _idle);
            return buckets;
        }
    }
}
