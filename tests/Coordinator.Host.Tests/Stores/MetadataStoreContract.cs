using FluentAssertions;
using PairDb.Actors.Ports;
using PairDb.Messages.Values;

namespace PairDb.Coordinator.Tests.Stores;

/// <summary>
/// What every <see cref="IMetadataStore"/> must do, whatever its backing (SQLite, PostgreSQL, ...). A concrete test
/// class provides fresh, empty backing data per test instance and opens new store objects over it.
/// </summary>
public abstract partial class MetadataStoreContract : IAsyncLifetime
{
    protected static readonly DateTimeOffset T0 = new(2026, 11, 21, 10, 30, 15, TimeSpan.Zero);

    private readonly List<IMetadataStore> _opened = [];

    /// <summary>A new, uninitialised store over this test's backing data; every call within a test sees the same data.</summary>
    protected abstract Task<IMetadataStore> CreateStoreAsync();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        foreach (var store in _opened)
        {
            await StoreLifetime.CloseAsync(store);
        }
    }

    [Fact]
    public async Task CreateTenantAsync_NewId_ReturnsTenantAtVersionOne()
    {
        var store = await OpenAsync();

        var tenant = await store.CreateTenantAsync("acme", 3, T0, CancellationToken.None);

        tenant.Should().Be(new Tenant("acme", 3, T0, T0, 1));
    }

    [Fact]
    public async Task GetTenantAsync_AfterCreate_ReturnsTheCreatedTenant()
    {
        var store = await OpenAsync();
        var created = await store.CreateTenantAsync("acme", 2, T0, CancellationToken.None);

        var read = await store.GetTenantAsync("acme", CancellationToken.None);

        read.Should().Be(created);
    }

    [Fact]
    public async Task GetTenantAsync_UnknownId_ReturnsNull()
    {
        var store = await OpenAsync();
        await store.CreateTenantAsync("acme", 2, T0, CancellationToken.None);

        var read = await store.GetTenantAsync("other", CancellationToken.None);

        read.Should().BeNull();
    }

    [Fact]
    public async Task CreateTenantAsync_DuplicateId_ReturnsNullAndKeepsTheFirst()
    {
        var store = await OpenAsync();
        var first = await store.CreateTenantAsync("acme", 3, T0, CancellationToken.None);

        var second = await store.CreateTenantAsync("acme", 5, T0.AddHours(1), CancellationToken.None);

        second.Should().BeNull();
        (await store.GetTenantAsync("acme", CancellationToken.None)).Should().Be(first);
    }

    [Fact]
    public async Task CreateTenantAsync_TimeWithOffset_ReadsBackAsTheSameInstant()
    {
        var store = await OpenAsync();
        var local = new DateTimeOffset(2026, 3, 1, 23, 59, 59, TimeSpan.FromHours(5.5));

        await store.CreateTenantAsync("acme", 1, local, CancellationToken.None);
        var read = await store.GetTenantAsync("acme", CancellationToken.None);

        read!.CreatedAt.UtcDateTime.Should().Be(local.UtcDateTime);
        read.UpdatedAt.UtcDateTime.Should().Be(local.UtcDateTime);
    }

    [Fact]
    public async Task ListTenantsAsync_Empty_ReturnsNoTenants()
    {
        var store = await OpenAsync();

        var tenants = await store.ListTenantsAsync(CancellationToken.None);

        tenants.Should().BeEmpty();
    }

    [Fact]
    public async Task ListTenantsAsync_SeveralTenants_ReturnsAllOrderedById()
    {
        var store = await OpenAsync();
        var b = await store.CreateTenantAsync("beta", 2, T0, CancellationToken.None);
        var a = await store.CreateTenantAsync("alpha", 3, T0.AddSeconds(1), CancellationToken.None);
        var c = await store.CreateTenantAsync("gamma", 1, T0.AddSeconds(2), CancellationToken.None);

        var tenants = await store.ListTenantsAsync(CancellationToken.None);

        tenants.Should().Equal(a!, b!, c!);
    }

    [Fact]
    public async Task AddStorageNodeAsync_NewNode_IsListed()
    {
        var store = await OpenAsync();
        var node = new StorageNode("s1", "127.0.0.1", 50061, 150, StorageNodeStatus.Active);

        var added = await store.AddStorageNodeAsync(node, CancellationToken.None);

        added.Should().BeTrue();
        (await store.ListStorageNodesAsync(CancellationToken.None)).Should().Equal(node);
    }

    [Fact]
    public async Task AddStorageNodeAsync_DuplicateId_ReturnsFalseAndKeepsTheFirst()
    {
        var store = await OpenAsync();
        var first = new StorageNode("s1", "127.0.0.1", 50061, 150, StorageNodeStatus.Active);
        await store.AddStorageNodeAsync(first, CancellationToken.None);

        var added = await store.AddStorageNodeAsync(first with { Port = 50099 }, CancellationToken.None);

        added.Should().BeFalse();
        (await store.ListStorageNodesAsync(CancellationToken.None)).Should().Equal(first);
    }

    [Fact]
    public async Task ListStorageNodesAsync_EveryStatus_RoundTripsOrderedById()
    {
        var store = await OpenAsync();
        var leaving = new StorageNode("s3", "10.0.0.3", 50063, 10, StorageNodeStatus.Leaving);
        var active = new StorageNode("s1", "10.0.0.1", 50061, 150, StorageNodeStatus.Active);
        var joining = new StorageNode("s2", "[::1]", 50062, 300, StorageNodeStatus.Joining);
        foreach (var node in new[] { leaving, active, joining })
        {
            await store.AddStorageNodeAsync(node, CancellationToken.None);
        }

        var nodes = await store.ListStorageNodesAsync(CancellationToken.None);

        nodes.Should().Equal(active, joining, leaving);
    }

    [Fact]
    public async Task UpdateStorageNodeAsync_ExistingNode_ReplacesAddressWeightAndStatus()
    {
        var store = await OpenAsync();
        await store.AddStorageNodeAsync(new StorageNode("s1", "127.0.0.1", 50061, 150, StorageNodeStatus.Joining), CancellationToken.None);
        var other = new StorageNode("s2", "127.0.0.1", 50062, 150, StorageNodeStatus.Active);
        await store.AddStorageNodeAsync(other, CancellationToken.None);
        var updated = new StorageNode("s1", "10.1.2.3", 60000, 64, StorageNodeStatus.Leaving);

        var found = await store.UpdateStorageNodeAsync(updated, CancellationToken.None);

        found.Should().BeTrue();
        (await store.ListStorageNodesAsync(CancellationToken.None)).Should().Equal(updated, other);
    }

    [Fact]
    public async Task UpdateStorageNodeAsync_UnknownNode_ReturnsFalseAndAddsNothing()
    {
        var store = await OpenAsync();

        var found = await store.UpdateStorageNodeAsync(new StorageNode("ghost", "127.0.0.1", 1, 1, StorageNodeStatus.Active), CancellationToken.None);

        found.Should().BeFalse();
        (await store.ListStorageNodesAsync(CancellationToken.None)).Should().BeEmpty();
    }

    [Fact]
    public async Task InitializeAsync_Again_KeepsData()
    {
        var store = await OpenAsync();
        var tenant = await store.CreateTenantAsync("acme", 3, T0, CancellationToken.None);

        await store.InitializeAsync(CancellationToken.None);

        (await store.GetTenantAsync("acme", CancellationToken.None)).Should().Be(tenant);
    }

    [Fact]
    public async Task Reopen_AfterDispose_KeepsTenantsAndNodes()
    {
        var store = await OpenAsync();
        var tenant = await store.CreateTenantAsync("acme", 3, T0, CancellationToken.None);
        var node = new StorageNode("s1", "127.0.0.1", 50061, 150, StorageNodeStatus.Active);
        await store.AddStorageNodeAsync(node, CancellationToken.None);
        await StoreLifetime.CloseAsync(store);

        var reopened = await OpenAsync();

        (await reopened.ListTenantsAsync(CancellationToken.None)).Should().Equal(tenant!);
        (await reopened.ListStorageNodesAsync(CancellationToken.None)).Should().Equal(node);
    }

    [Fact]
    public async Task CreateTenantAsync_SameIdFromEightTasks_ExactlyOneWins()
    {
        var store = await OpenAsync();
        using var start = new ManualResetEventSlim();
        var attempts = new Task<Tenant?>[8];
        for (var i = 0; i < attempts.Length; i++)
        {
            var replicationFactor = i + 1;
            attempts[i] = Task.Run(() =>
            {
                start.Wait();
                return store.CreateTenantAsync("contended", replicationFactor, T0, CancellationToken.None);
            });
        }

        start.Set();
        var results = await Task.WhenAll(attempts);

        var winners = results.Where(r => r is not null).ToList();
        winners.Should().ContainSingle();
        (await store.GetTenantAsync("contended", CancellationToken.None)).Should().Be(winners[0]);
    }

    [Fact]
    public async Task AddStorageNodeAsync_SameIdFromEightTasks_ExactlyOneWins()
    {
        var store = await OpenAsync();
        using var start = new ManualResetEventSlim();
        var attempts = new Task<bool>[8];
        for (var i = 0; i < attempts.Length; i++)
        {
            var node = new StorageNode("s1", "127.0.0.1", 50061 + i, 150, StorageNodeStatus.Active);
            attempts[i] = Task.Run(() =>
            {
                start.Wait();
                return store.AddStorageNodeAsync(node, CancellationToken.None);
            });
        }

        start.Set();
        var results = await Task.WhenAll(attempts);

        results.Count(added => added).Should().Be(1);
        var winner = 50061 + Array.IndexOf(results, true);
        (await store.ListStorageNodesAsync(CancellationToken.None)).Should().ContainSingle().Which.Port.Should().Be(winner);
    }

    /// <summary>A store created by the subclass and initialised, closed when the test ends.</summary>
    protected async Task<IMetadataStore> OpenAsync()
    {
        var store = await CreateStoreAsync();
        _opened.Add(store);
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }
}
