using FluentAssertions;
using PairDb.Coordinator.Stores.Postgres;
using PairDb.Coordinator.Tenants;
using PairDb.Coordinator.Tests.Infrastructure;

namespace PairDb.Coordinator.Tests.Stores.Postgres;

/// <summary>Two coordinators' stores on one PostgreSQL: a change made through one reaches the other's tenant cache by LISTEN/NOTIFY.</summary>
public sealed class TenantChangePropagationTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);

    private string _connectionString = string.Empty;
    private PostgresMetadataStore? _storeA;
    private PostgresMetadataStore? _storeB;
    private PostgresTenantChangeListener? _listenerB;

    public async Task InitializeAsync()
    {
        _connectionString = await TestServers.CreateScratchDatabaseAsync();
        _storeA = new PostgresMetadataStore(_connectionString);
        _storeB = new PostgresMetadataStore(_connectionString);
        await _storeA.InitializeAsync(CancellationToken.None);
        await _storeB.InitializeAsync(CancellationToken.None);
        _listenerB = await PostgresTenantChangeListener.StartAsync(_connectionString);
    }

    public async Task DisposeAsync()
    {
        foreach (var owned in new IAsyncDisposable?[] { _listenerB, _storeB, _storeA })
        {
            if (owned is not null)
            {
                await owned.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task UpdateReplicationFactorAsync_ThroughStoreA_InvalidatesCoordinatorBsCacheWithinOneSecond()
    {
        await _storeA!.CreateTenantAsync("acme", 3, T0, CancellationToken.None);

        // B's cache never expires on its own (its clock stands still): only the change feed can make it read again.
        var cacheB = new TenantCache(_storeB!.GetTenantAsync, new ManualTimeProvider(T0), new TenantCacheLimits(TimeSpan.FromHours(1), 100, TimeSpan.FromHours(1), 100));
        using var wiring = _listenerB!.Subscribe(cacheB.Invalidate);
        (await cacheB.GetAsync("acme", CancellationToken.None))!.ReplicationFactor.Should().Be(3);

        await _storeA.UpdateReplicationFactorAsync("acme", 5, 1, T0.AddMinutes(1), CancellationToken.None);

        var seen = 3;
        using (var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(1)))
        {
            while (seen != 5 && !deadline.IsCancellationRequested)
            {
                seen = (await cacheB.GetAsync("acme", CancellationToken.None))!.ReplicationFactor;
                await Task.Delay(10, CancellationToken.None);
            }
        }

        seen.Should().Be(5);
        cacheB.Misses.Should().Be(2, "B read the store once at first and once after the invalidation");
    }

    [Fact]
    public async Task CreateTenantAsync_ThroughStoreA_DropsBsCachedMiss()
    {
        var cacheB = new TenantCache(_storeB!.GetTenantAsync, new ManualTimeProvider(T0), new TenantCacheLimits(TimeSpan.FromHours(1), 100, TimeSpan.FromHours(1), 100));
        // Subscribed before the recorder: the feed calls subscribers in order, so once the recorder hears, B has invalidated.
        using var wiring = _listenerB!.Subscribe(cacheB.Invalidate);
        using var heard = new TenantChangeRecorder(_listenerB);
        (await cacheB.GetAsync("late", CancellationToken.None)).Should().BeNull();

        await _storeA!.CreateTenantAsync("late", 2, T0, CancellationToken.None);
        (await heard.NextAsync()).Should().Be("late");

        (await cacheB.GetAsync("late", CancellationToken.None)).Should().Be(new Messages.Values.Tenant("late", 2, T0, T0, 1));
    }
}
