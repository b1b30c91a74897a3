using FluentAssertions;
using PairDb.Messages.Values;

namespace PairDb.Coordinator.Tests.Stores;

/// <summary>The metadata contract for tenants' own rate limits: stored with the tenant, versioned and announced.</summary>
public abstract partial class MetadataStoreContract
{
    [Fact]
    public async Task CreateTenantAsync_NewTenant_HasNoRateLimitsOfItsOwn()
    {
        var store = await OpenAsync();

        var created = await store.CreateTenantAsync("acme", 3, T0, CancellationToken.None);

        created!.RateLimits.Should().BeNull();
        (await store.GetTenantAsync("acme", CancellationToken.None))!.RateLimits.Should().BeNull();
    }

    [Fact]
    public async Task SetTenantRateLimitsAsync_ExistingTenant_StoresThemBumpsTheVersionAndStampsTheTime()
    {
        var store = await OpenAsync();
        await store.CreateTenantAsync("acme", 3, T0, CancellationToken.None);
        var limits = new TenantRateLimits(100, TenantRateLimits.MaxRate);

        var updated = await store.SetTenantRateLimitsAsync("acme", limits, T0.AddMinutes(2), CancellationToken.None);

        var expected = new Tenant("acme", 3, T0, T0.AddMinutes(2), 2, limits);
        updated.Should().Be(expected);
        (await store.GetTenantAsync("acme", CancellationToken.None)).Should().Be(expected);
        (await store.ListTenantsAsync(CancellationToken.None)).Should().Equal(expected);
    }

    [Fact]
    public async Task SetTenantRateLimitsAsync_ZeroLimits_StoredAsUnlimitedNotAsNone()
    {
        var store = await OpenAsync();
        await store.CreateTenantAsync("acme", 3, T0, CancellationToken.None);

        await store.SetTenantRateLimitsAsync("acme", TenantRateLimits.Unlimited, T0, CancellationToken.None);

        (await store.GetTenantAsync("acme", CancellationToken.None))!.RateLimits.Should().Be(TenantRateLimits.Unlimited);
    }

    [Fact]
    public async Task SetTenantRateLimitsAsync_Null_DropsTheTenantsOwnLimits()
    {
        var store = await OpenAsync();
        await store.CreateTenantAsync("acme", 3, T0, CancellationToken.None);
        await store.SetTenantRateLimitsAsync("acme", new TenantRateLimits(5, 6), T0.AddMinutes(1), CancellationToken.None);

        var updated = await store.SetTenantRateLimitsAsync("acme", null, T0.AddMinutes(2), CancellationToken.None);

        updated.Should().Be(new Tenant("acme", 3, T0, T0.AddMinutes(2), 3));
        (await store.GetTenantAsync("acme", CancellationToken.None)).Should().Be(updated);
    }

    [Fact]
    public async Task SetTenantRateLimitsAsync_ThenReplicationFactorChange_KeepsTheLimits()
    {
        var store = await OpenAsync();
        await store.CreateTenantAsync("acme", 3, T0, CancellationToken.None);
        await store.SetTenantRateLimitsAsync("acme", new TenantRateLimits(5, 6), T0, CancellationToken.None);

        await store.UpdateReplicationFactorAsync("acme", 2, 2, T0.AddMinutes(1), CancellationToken.None);

        (await store.GetTenantAsync("acme", CancellationToken.None)).Should().Be(new Tenant("acme", 2, T0, T0.AddMinutes(1), 3, new TenantRateLimits(5, 6)));
    }

    [Fact]
    public async Task SetTenantRateLimitsAsync_UnknownTenant_ReturnsNullAndCreatesNothing()
    {
        var store = await OpenAsync();

        var updated = await store.SetTenantRateLimitsAsync("ghost", new TenantRateLimits(1, 1), T0, CancellationToken.None);

        updated.Should().BeNull();
        (await store.ListTenantsAsync(CancellationToken.None)).Should().BeEmpty();
    }

    [Fact]
    public async Task ChangeFeed_SetTenantRateLimits_AnnouncesTheTenantButNotAnUnknownOne()
    {
        var store = await OpenAsync();
        await store.CreateTenantAsync("acme", 3, T0, CancellationToken.None);
        using var heard = new TenantChangeRecorder(await OpenChangeFeedAsync(store));

        await store.SetTenantRateLimitsAsync("ghost", new TenantRateLimits(1, 1), T0, CancellationToken.None);
        await store.SetTenantRateLimitsAsync("acme", new TenantRateLimits(1, 1), T0, CancellationToken.None);

        (await heard.NextAsync()).Should().Be("acme");
    }
}
