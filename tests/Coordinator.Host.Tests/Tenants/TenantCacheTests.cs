using FluentAssertions;
using PairDb.Coordinator.Tenants;
using PairDb.Messages.Values;

namespace PairDb.Coordinator.Tests.Tenants;

/// <summary>The tenant cache stays within its bounds whatever ids clients send, forgets the least recently used first, and expires entries by its clock.</summary>
public sealed class TenantCacheTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Ttl = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan MissTtl = TimeSpan.FromSeconds(1);

    private readonly Dictionary<string, Tenant> _store = new(StringComparer.Ordinal);
    private readonly ManualTimeProvider _time = new(T0);

    [Fact]
    public async Task GetAsync_100000DistinctUnknownIds_CacheStaysAtItsBound()
    {
        // Arrange
        AddTenant("default", 3);
        var cache = Create(maxEntries: 100, maxMisses: 1000);
        await cache.GetAsync("default", CancellationToken.None);

        // Act
        for (var i = 0; i < 100_000; i++)
        {
            (await cache.GetAsync("random-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), CancellationToken.None)).Should().BeNull();
        }

        // Assert
        cache.UnknownCount.Should().Be(1000);
        cache.Count.Should().Be(1);
        var misses = cache.Misses;
        (await cache.GetAsync("default", CancellationToken.None)).Should().NotBeNull();
        cache.Misses.Should().Be(misses, "random unknown ids must not push a real tenant out");
    }

    [Fact]
    public async Task GetAsync_MoreTenantsThanMaxEntries_EvictsTheLeastRecentlyUsed()
    {
        // Arrange
        foreach (var id in new[] { "a", "b", "c" })
        {
            AddTenant(id, 3);
        }

        var cache = Create(maxEntries: 2, maxMisses: 2);
        await cache.GetAsync("a", CancellationToken.None);
        await cache.GetAsync("b", CancellationToken.None);
        await cache.GetAsync("a", CancellationToken.None);

        // Act
        await cache.GetAsync("c", CancellationToken.None);

        // Assert
        cache.KnownByRecency().Should().Equal("c", "a");
        var misses = cache.Misses;
        await cache.GetAsync("a", CancellationToken.None);
        cache.Misses.Should().Be(misses, "a was used more recently than b and stays");
        await cache.GetAsync("b", CancellationToken.None);
        cache.Misses.Should().Be(misses + 1, "b was the least recently used and was evicted");
    }

    [Fact]
    public async Task GetAsync_KnownTenantPastItsTtl_ReadsTheStoreAgain()
    {
        // Arrange
        AddTenant("a", 3);
        var cache = Create(maxEntries: 10, maxMisses: 10);
        await cache.GetAsync("a", CancellationToken.None);

        // Act
        _time.Advance(Ttl - TimeSpan.FromTicks(1));
        await cache.GetAsync("a", CancellationToken.None);
        var missesBeforeExpiry = cache.Misses;
        _time.Advance(TimeSpan.FromTicks(1));
        await cache.GetAsync("a", CancellationToken.None);

        // Assert
        missesBeforeExpiry.Should().Be(1);
        cache.Misses.Should().Be(2);
    }

    [Fact]
    public async Task GetAsync_UnknownTenantCreatedLater_SeenAfterTheMissTtl()
    {
        // Arrange
        var cache = Create(maxEntries: 10, maxMisses: 10);
        (await cache.GetAsync("late", CancellationToken.None)).Should().BeNull();
        AddTenant("late", 2);

        // Act
        var beforeExpiry = await cache.GetAsync("late", CancellationToken.None);
        _time.Advance(MissTtl);
        var afterExpiry = await cache.GetAsync("late", CancellationToken.None);

        // Assert
        beforeExpiry.Should().BeNull();
        afterExpiry!.ReplicationFactor.Should().Be(2);
        cache.UnknownCount.Should().Be(0);
        cache.Count.Should().Be(1);
    }

    [Fact]
    public async Task Invalidate_CachedTenant_NextLookupReadsTheStore()
    {
        // Arrange
        AddTenant("a", 3);
        var cache = Create(maxEntries: 10, maxMisses: 10);
        await cache.GetAsync("a", CancellationToken.None);

        // Act
        cache.Invalidate("a");
        await cache.GetAsync("a", CancellationToken.None);

        // Assert
        cache.Misses.Should().Be(2);
    }

    [Fact]
    public async Task Put_TenantCachedAsUnknown_ServesTheTenantAtOnce()
    {
        // Arrange
        var cache = Create(maxEntries: 10, maxMisses: 10);
        await cache.GetAsync("new", CancellationToken.None);

        // Act
        cache.Put(new Tenant("new", 3, T0, T0, 1));

        // Assert
        (await cache.GetAsync("new", CancellationToken.None))!.TenantId.Should().Be("new");
        cache.UnknownCount.Should().Be(0);
    }

    [Fact]
    public async Task GetAsync_ConcurrentMixedLookups_StayWithinBothBounds()
    {
        // Arrange
        for (var i = 0; i < 50; i++)
        {
            AddTenant("t" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), 3);
        }

        var cache = Create(maxEntries: 20, maxMisses: 30);

        // Act
        await Parallel.ForEachAsync(Enumerable.Range(0, 8), async (worker, cancellationToken) =>
        {
            for (var i = 0; i < 5000; i++)
            {
                var id = (i % 3 == 0 ? "unknown-" + worker.ToString(System.Globalization.CultureInfo.InvariantCulture) + "-" : "t")
                    + (i % 50).ToString(System.Globalization.CultureInfo.InvariantCulture);
                var tenant = await cache.GetAsync(id, cancellationToken);
                (tenant is null).Should().Be(id.StartsWith("unknown-", StringComparison.Ordinal));
            }
        });

        // Assert
        cache.Count.Should().BeLessThanOrEqualTo(20);
        cache.UnknownCount.Should().BeLessThanOrEqualTo(30);
        cache.KnownByRecency().Should().HaveCount(cache.Count).And.OnlyHaveUniqueItems();
    }

    [Fact]
    public void Constructor_ZeroBound_Throws()
    {
        // Arrange
        var limits = new TenantCacheLimits(Ttl, 0, MissTtl, 10);

        // Act
        var create = () => new TenantCache(ReadAsync, _time, limits);

        // Assert
        create.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("MaxEntries");
    }

    private TenantCache Create(int maxEntries, int maxMisses) => new(ReadAsync, _time, new TenantCacheLimits(Ttl, maxEntries, MissTtl, maxMisses));

    private void AddTenant(string tenantId, int replicationFactor) => _store[tenantId] = new Tenant(tenantId, replicationFactor, T0, T0, 1);

    private Task<Tenant?> ReadAsync(string tenantId, CancellationToken cancellationToken) => Task.FromResult(_store.GetValueOrDefault(tenantId));
}
