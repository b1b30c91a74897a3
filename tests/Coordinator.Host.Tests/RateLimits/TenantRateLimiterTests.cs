using FluentAssertions;
using PairDb.Coordinator.RateLimits;
using PairDb.Messages.Values;

namespace PairDb.Coordinator.Tests.RateLimits;

/// <summary>
/// The limiter core: which limits apply, buckets that admit a burst and then refuse with a retry-after, limit changes,
/// the bound on tenants kept and idle buckets dropped. Refill runs on the machine's clock (System.Threading.RateLimiting
/// reads the Stopwatch), so refusals are tested on buckets with rates far below what the test can spend.
/// </summary>
public sealed class TenantRateLimiterTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public void TryAdmit_UnlimitedTenant_AdmitsEverythingAndKeepsNoBuckets()
    {
        var limiter = NewLimiter(RateLimitSettings.Default);

        for (var i = 0; i < 10_000; i++)
        {
            limiter.TryAdmit(Tenant("a"), 100, 1 << 20).IsAdmitted.Should().BeTrue();
        }

        limiter.Count.Should().Be(0);
        limiter.Refused.Should().Be(0);
    }

    [Fact]
    public void TryAdmit_RequestLimit_AdmitsTheBurstThenRefusesWithRetryAfter()
    {
        var limiter = NewLimiter(RateLimitSettings.Default);
        var tenant = Tenant("a", new TenantRateLimits(1, 0));

        limiter.TryAdmit(tenant, 1, 10).IsAdmitted.Should().BeTrue();
        var refused = limiter.TryAdmit(tenant, 1, 10);

        refused.Limit.Should().Be(RateLimitKind.Requests);
        refused.Rate.Should().Be(1);
        refused.RetryAfter.Should().BeGreaterThan(TimeSpan.Zero).And.BeLessThanOrEqualTo(TimeSpan.FromSeconds(1));
        limiter.Refused.Should().Be(1);
    }

    [Fact]
    public void TryAdmit_BurstOfTenSeconds_AdmitsTenTimesTheRate()
    {
        var limiter = NewLimiter(RateLimitSettings.Default with { Burst = TimeSpan.FromSeconds(10), IdleAfter = TimeSpan.FromSeconds(10) });
        var tenant = Tenant("a", new TenantRateLimits(1, 0));

        var admitted = 0;
        while (limiter.TryAdmit(tenant, 1, 0).IsAdmitted && admitted < 100)
        {
            admitted++;
        }

        // Ten in the bucket, and at most what one more second of refill brought while the loop ran.
        admitted.Should().BeInRange(10, 11);
    }

    [Fact]
    public void TryAdmit_ByteLimit_RefusesWithTheBytesLimitAndATimeForTheMissingBytes()
    {
        var limiter = NewLimiter(RateLimitSettings.Default);
        var tenant = Tenant("a", new TenantRateLimits(0, 1000));

        limiter.TryAdmit(tenant, 1, 900).IsAdmitted.Should().BeTrue();
        var refused = limiter.TryAdmit(tenant, 1, 500);

        refused.Limit.Should().Be(RateLimitKind.Bytes);
        refused.Rate.Should().Be(1000);

        // About 400 bytes are missing at 1000 per second: some 400 ms (less if the bucket refilled meanwhile).
        refused.RetryAfter.Should().BeGreaterThan(TimeSpan.Zero).And.BeLessThanOrEqualTo(TimeSpan.FromMilliseconds(500));
    }

    [Fact]
    public void TryAdmit_CallLargerThanTheWholeBucket_IsAdmittedWhenTheBucketIsFull()
    {
        var limiter = NewLimiter(RateLimitSettings.Default);
        var tenant = Tenant("a", new TenantRateLimits(0, 100));

        limiter.TryAdmit(tenant, 1, 1_000_000).IsAdmitted.Should().BeTrue();
        limiter.TryAdmit(tenant, 1, 1_000_000).Limit.Should().Be(RateLimitKind.Bytes);
    }

    [Fact]
    public void TryAdmit_BatchCountsEveryKey()
    {
        var limiter = NewLimiter(RateLimitSettings.Default);
        var tenant = Tenant("a", new TenantRateLimits(10, 0));

        limiter.TryAdmit(tenant, 10, 0).IsAdmitted.Should().BeTrue();
        limiter.TryAdmit(tenant, 5, 0).Limit.Should().Be(RateLimitKind.Requests);
    }

    [Fact]
    public void TryAdmit_OneTenantOverItsLimit_OtherTenantUnaffected()
    {
        var limiter = NewLimiter(RateLimitSettings.Default);
        var limited = Tenant("limited", new TenantRateLimits(1, 0));
        var other = Tenant("other", new TenantRateLimits(1000, 0));

        limiter.TryAdmit(limited, 1, 0).IsAdmitted.Should().BeTrue();
        limiter.TryAdmit(limited, 1, 0).IsAdmitted.Should().BeFalse();

        for (var i = 0; i < 1000; i++)
        {
            limiter.TryAdmit(other, 1, 0).IsAdmitted.Should().BeTrue();
        }
    }

    [Fact]
    public void TryAdmit_TenantWithoutOwnLimits_GetsTheConfiguredDefaults()
    {
        var limiter = NewLimiter(RateLimitSettings.Default with { Defaults = new TenantRateLimits(1, 0) });

        limiter.LimitsOf(Tenant("a")).Should().Be(new TenantRateLimits(1, 0));
        limiter.TryAdmit(Tenant("a"), 1, 0).IsAdmitted.Should().BeTrue();
        limiter.TryAdmit(Tenant("a"), 1, 0).Limit.Should().Be(RateLimitKind.Requests);
    }

    [Fact]
    public void TryAdmit_OwnLimitsOfZero_AreUnlimitedDespiteLimitedDefaults()
    {
        var limiter = NewLimiter(RateLimitSettings.Default with { Defaults = new TenantRateLimits(1, 1) });
        var tenant = Tenant("a", TenantRateLimits.Unlimited);

        for (var i = 0; i < 100; i++)
        {
            limiter.TryAdmit(tenant, 1, 100).IsAdmitted.Should().BeTrue();
        }
    }

    [Fact]
    public void TryAdmit_LimitsChanged_NewLimitsApplyAtTheNextCall()
    {
        var limiter = NewLimiter(RateLimitSettings.Default);
        limiter.TryAdmit(Tenant("a", new TenantRateLimits(1, 0)), 1, 0).IsAdmitted.Should().BeTrue();
        limiter.TryAdmit(Tenant("a", new TenantRateLimits(1, 0)), 1, 0).IsAdmitted.Should().BeFalse();

        var raised = Tenant("a", new TenantRateLimits(100, 0));

        for (var i = 0; i < 100; i++)
        {
            limiter.TryAdmit(raised, 1, 0).IsAdmitted.Should().BeTrue();
        }

        limiter.TryAdmit(Tenant("a", TenantRateLimits.Unlimited), 1_000, 0).IsAdmitted.Should().BeTrue();
    }

    [Fact]
    public async Task TryAdmit_AfterTheRetryAfter_AdmitsAgain()
    {
        var limiter = NewLimiter(RateLimitSettings.Default);
        var tenant = Tenant("a", new TenantRateLimits(20, 0));
        limiter.TryAdmit(tenant, 20, 0).IsAdmitted.Should().BeTrue();
        var refused = limiter.TryAdmit(tenant, 1, 0);
        refused.IsAdmitted.Should().BeFalse();

        var deadline = DateTime.UtcNow + Patience;
        while (!limiter.TryAdmit(tenant, 1, 0).IsAdmitted)
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the bucket refills at 20 per second");
            await Task.Delay(10);
        }
    }

    [Fact]
    public void TryAdmit_MoreTenantsThanTheBound_ForgetsTheLeastRecentlyUsed()
    {
        var limiter = NewLimiter(RateLimitSettings.Default with { MaxTenants = 3 });
        foreach (var id in new[] { "a", "b", "c", "a", "d" })
        {
            limiter.TryAdmit(Tenant(id, new TenantRateLimits(100, 0)), 1, 0);
        }

        limiter.Count.Should().Be(3);
        limiter.TenantsByRecency().Should().Equal("d", "a", "c");
    }

    [Fact]
    public void TryAdmit_BucketsIdleLongerThanIdleAfter_AreDropped()
    {
        var time = new ManualTimeProvider(T0);
        var limiter = new TenantRateLimiter(RateLimitSettings.Default with { IdleAfter = TimeSpan.FromSeconds(60) }, time);
        limiter.TryAdmit(Tenant("a", new TenantRateLimits(100, 0)), 1, 0);
        limiter.TryAdmit(Tenant("b", new TenantRateLimits(100, 0)), 1, 0);
        time.Advance(TimeSpan.FromSeconds(30));
        limiter.TryAdmit(Tenant("b", new TenantRateLimits(100, 0)), 1, 0);

        time.Advance(TimeSpan.FromSeconds(31));
        limiter.TryAdmit(Tenant("c", new TenantRateLimits(100, 0)), 1, 0);

        limiter.TenantsByRecency().Should().Equal("c", "b");
    }

    [Fact]
    public void Constructor_IdleShorterThanTheBurst_Throws()
    {
        var settings = RateLimitSettings.Default with { Burst = TimeSpan.FromSeconds(10), IdleAfter = TimeSpan.FromSeconds(5) };

        var create = () => new TenantRateLimiter(settings, TimeProvider.System);

        create.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("IdleAfter");
    }

    [Theory]
    [InlineData(1, 1000, 1)]
    [InlineData(100, 1000, 100)]
    [InlineData(3, 500, 2)]
    [InlineData(1, 100, 1)]
    [InlineData(2147483647, 60_000, 2147483647)]
    public void Capacity_RateAndBurst_RateTimesBurstAtLeastOne(long rate, int burstMilliseconds, int expected) =>
        TenantBuckets.Capacity(rate, TimeSpan.FromMilliseconds(burstMilliseconds)).Should().Be(expected);

    private static TenantRateLimiter NewLimiter(RateLimitSettings settings) => new(settings, TimeProvider.System);

    private static Tenant Tenant(string id, TenantRateLimits? limits = null) => new(id, 3, T0, T0, 1, limits);
}
