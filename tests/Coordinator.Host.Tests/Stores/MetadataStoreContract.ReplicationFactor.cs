using FluentAssertions;
using PairDb.Actors.Ports;
using PairDb.Coordinator.Tenants;
using PairDb.Messages.Values;

namespace PairDb.Coordinator.Tests.Stores;

/// <summary>The metadata contract for replication factor changes and the tenant change feed.</summary>
public abstract partial class MetadataStoreContract
{
    /// <summary>The feed that announces changes made through <paramref name="store"/> (closed by the subclass at the end of the test).</summary>
    protected abstract Task<ITenantChangeFeed> OpenChangeFeedAsync(IMetadataStore store);

    [Fact]
    public async Task UpdateReplicationFactorAsync_ExistingTenant_ReturnsOldAndNewWithTheVersionBumped()
    {
        var store = await OpenAsync();
        var created = await store.CreateTenantAsync("acme", 3, T0, CancellationToken.None);

        var update = await store.UpdateReplicationFactorAsync("acme", 5, null, T0.AddMinutes(5), CancellationToken.None);

        update.Should().Be(new ReplicationFactorUpdate.Updated(created!, new Tenant("acme", 5, T0, T0.AddMinutes(5), 2)));
        (await store.GetTenantAsync("acme", CancellationToken.None)).Should().Be(new Tenant("acme", 5, T0, T0.AddMinutes(5), 2));
    }

    [Fact]
    public async Task UpdateReplicationFactorAsync_ExpectedVersionMatches_Updates()
    {
        var store = await OpenAsync();
        await store.CreateTenantAsync("acme", 3, T0, CancellationToken.None);
        await store.UpdateReplicationFactorAsync("acme", 2, 1, T0.AddMinutes(1), CancellationToken.None);

        var update = await store.UpdateReplicationFactorAsync("acme", 4, 2, T0.AddMinutes(2), CancellationToken.None);

        update.Should().BeOfType<ReplicationFactorUpdate.Updated>().Which.New.Should().Be(new Tenant("acme", 4, T0, T0.AddMinutes(2), 3));
    }

    [Fact]
    public async Task UpdateReplicationFactorAsync_StaleExpectedVersion_ReturnsConflictAndChangesNothing()
    {
        var store = await OpenAsync();
        await store.CreateTenantAsync("acme", 3, T0, CancellationToken.None);
        var current = ((ReplicationFactorUpdate.Updated)await store.UpdateReplicationFactorAsync("acme", 2, 1, T0.AddMinutes(1), CancellationToken.None)).New;

        var update = await store.UpdateReplicationFactorAsync("acme", 5, 1, T0.AddMinutes(2), CancellationToken.None);

        update.Should().Be(new ReplicationFactorUpdate.VersionConflict(current));
        (await store.GetTenantAsync("acme", CancellationToken.None)).Should().Be(current);
    }

    [Fact]
    public async Task UpdateReplicationFactorAsync_UnknownTenant_ReturnsNotFoundAndCreatesNothing()
    {
        var store = await OpenAsync();

        var update = await store.UpdateReplicationFactorAsync("ghost", 2, null, T0, CancellationToken.None);

        update.Should().BeOfType<ReplicationFactorUpdate.NotFound>();
        (await store.ListTenantsAsync(CancellationToken.None)).Should().BeEmpty();
    }

    [Fact]
    public async Task UpdateReplicationFactorAsync_EightTasksExpectingTheSameVersion_ExactlyOneWins()
    {
        var store = await OpenAsync();
        await store.CreateTenantAsync("contended", 1, T0, CancellationToken.None);
        using var start = new ManualResetEventSlim();
        var attempts = new Task<ReplicationFactorUpdate>[8];
        for (var i = 0; i < attempts.Length; i++)
        {
            var replicationFactor = i + 2;
            attempts[i] = Task.Run(() =>
            {
                start.Wait();
                return store.UpdateReplicationFactorAsync("contended", replicationFactor, 1, T0.AddMinutes(1), CancellationToken.None);
            });
        }

        start.Set();
        var results = await Task.WhenAll(attempts);

        var winners = results.OfType<ReplicationFactorUpdate.Updated>().ToList();
        winners.Should().ContainSingle();
        results.OfType<ReplicationFactorUpdate.VersionConflict>().Should().HaveCount(7);
        (await store.GetTenantAsync("contended", CancellationToken.None)).Should().Be(winners[0].New);
    }

    [Fact]
    public async Task ChangeFeed_CreateThenUpdate_AnnouncesTheTenantForEach()
    {
        var store = await OpenAsync();
        using var heard = new TenantChangeRecorder(await OpenChangeFeedAsync(store));

        await store.CreateTenantAsync("acme", 3, T0, CancellationToken.None);
        await store.UpdateReplicationFactorAsync("acme", 2, null, T0.AddMinutes(1), CancellationToken.None);

        (await heard.NextAsync()).Should().Be("acme");
        (await heard.NextAsync()).Should().Be("acme");
    }

    [Fact]
    public async Task ChangeFeed_DuplicateCreateConflictAndUnknownTenant_AnnounceNothing()
    {
        var store = await OpenAsync();
        await store.CreateTenantAsync("acme", 3, T0, CancellationToken.None);
        using var heard = new TenantChangeRecorder(await OpenChangeFeedAsync(store));

        await store.CreateTenantAsync("acme", 4, T0, CancellationToken.None);
        await store.UpdateReplicationFactorAsync("acme", 5, 99, T0, CancellationToken.None);
        await store.UpdateReplicationFactorAsync("ghost", 5, null, T0, CancellationToken.None);
        await store.CreateTenantAsync("marker", 1, T0, CancellationToken.None);

        // Changes are announced in commit order, so had any no-op been announced it would come before the marker.
        (await heard.NextAsync()).Should().Be("marker");
    }
}
