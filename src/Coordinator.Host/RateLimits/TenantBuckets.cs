using System.Diagnostics.CodeAnalysis;
using System.Threading.RateLimiting;
using PairDb.Messages.Values;

namespace PairDb.Coordinator.RateLimits;

/// <summary>
/// One tenant's token buckets (System.Threading.RateLimiting), one per limit that applies: requests and request bytes.
/// Each holds its rate times the burst and refills continuously at its rate: it is replenished on demand, from the time
/// passed, just before each take, so no timer runs per bucket and a dropped bucket needs no disposal. A call costing
/// more than a whole bucket is charged the whole bucket (admitted once the bucket is full), so no call is refused forever.
/// </summary>
internal sealed class TenantBuckets
{
    private readonly Bucket? _requests;
    private readonly Bucket? _bytes;

    public TenantBuckets(TenantRateLimits limits, TimeSpan burst)
    {
        Limits = limits;
        _requests = limits.RequestsPerSecond == 0 ? null : new Bucket(limits.RequestsPerSecond, burst);
        _bytes = limits.BytesPerSecond == 0 ? null : new Bucket(limits.BytesPerSecond, burst);
    }

    /// <summary>The limits these buckets enforce.</summary>
    public TenantRateLimits Limits { get; }

    /// <summary>
    /// Takes <paramref name="requests"/> from the request bucket, then <paramref name="bytes"/> from the byte bucket. A call
    /// refused for its bytes has still spent its request tokens (a request was made).
    /// </summary>
    public RateLimitVerdict TryTake(int requests, long bytes)
    {
        if (_requests?.TryTake(requests) is { } requestWait)
        {
            return new RateLimitVerdict(RateLimitKind.Requests, Limits.RequestsPerSecond, requestWait);
        }

        if (_bytes?.TryTake(bytes) is { } byteWait)
        {
            return new RateLimitVerdict(RateLimitKind.Bytes, Limits.BytesPerSecond, byteWait);
        }

        return RateLimitVerdict.Admitted;
    }

    /// <summary>Tokens a bucket of <paramref name="rate"/> per second holds: <paramref name="burst"/> of it, at least one.</summary>
    public static int Capacity(long rate, TimeSpan burst) => (int)Math.Clamp(Math.Ceiling(rate * burst.TotalSeconds), 1, int.MaxValue);

    // A limiter without auto-replenishment holds no timer and nothing unmanaged. Disposing it would only make a call that
    // still holds this bucket (while a limit change or eviction replaces it) throw, so it is left to the collector.
    [SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "No timer or unmanaged state; see above.")]
    private sealed class Bucket(long rate, TimeSpan burst)
    {
        private readonly int _capacity = Capacity(rate, burst);

        private readonly TokenBucketRateLimiter _limiter = new(new TokenBucketRateLimiterOptions
        {
            TokenLimit = Capacity(rate, burst),
            TokensPerPeriod = (int)rate,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            AutoReplenishment = false,
            QueueLimit = 0,
        });

        /// <summary>Null when taken; otherwise how long until the bucket holds the tokens missing now (at least 1 ms).</summary>
        public TimeSpan? TryTake(long cost)
        {
            _limiter.TryReplenish();
            var tokens = (int)Math.Clamp(cost, 1, _capacity);
            using var lease = _limiter.AttemptAcquire(tokens);
            if (lease.IsAcquired)
            {
                return null;
            }

            var available = _limiter.GetStatistics()?.CurrentAvailablePermits ?? 0;
            var missing = Math.Max(1, tokens - available);
            return TimeSpan.FromMilliseconds(Math.Max(1, Math.Ceiling(missing * 1000.0 / rate)));
        }
    }
}
