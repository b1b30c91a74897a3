using System.Globalization;
using FluentAssertions;
using Npgsql;
using PairDb.Actors.Ports;
using PairDb.Coordinator.Security;
using PairDb.Coordinator.Stores.Postgres;
using PairDb.Coordinator.Tenants;
using PairDb.Coordinator.Tests.Infrastructure;
using PairDb.Messages.Values;

namespace PairDb.Coordinator.Tests.Stores.Postgres;

/// <summary>The metadata contract against a scratch database of the test PostgreSQL, plus migrations and the LISTEN connection.</summary>
public sealed class PostgresMetadataStoreTests : MetadataStoreContract
{
    private static readonly string[] Tables =
        ["audit_records", "migrations", "repair_pass", "repair_ranges", "schema_migrations", "storage_nodes", "tenant_tokens", "tenants"];

    // Every embedded sql/NNN file, as schema_migrations records it after a start.
    private static readonly string[] Versions =
        [.. PostgresMigrator.Embedded.Select(static m => m.Version.ToString(CultureInfo.InvariantCulture))];

    private readonly List<PostgresTenantChangeListener> _listeners = [];
    private string _connectionString = string.Empty;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _connectionString = await TestServers.CreateScratchDatabaseAsync();
    }

    public override async Task DisposeAsync()
    {
        foreach (var listener in _listeners)
        {
            await listener.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    [Fact]
    public async Task InitializeAsync_NewDatabase_CreatesEveryTableAndRecordsEveryVersion()
    {
        await OpenAsync();

        (await QueryAsync("SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1;"))
            .Should().Equal(Tables);
        (await QueryAsync("SELECT version::text FROM schema_migrations ORDER BY version;")).Should().Equal(Versions);
    }

    [Fact]
    public async Task InitializeAsync_FourCoordinatorsAtOnce_ApplyEachVersionOnce()
    {
        var stores = new List<PostgresMetadataStore>();
        for (var i = 0; i < 4; i++)
        {
            stores.Add(new PostgresMetadataStore(_connectionString));
        }

        try
        {
            using var start = new ManualResetEventSlim();
            var starts = stores.ConvertAll(store => Task.Run(async () =>
            {
                start.Wait();
                await store.InitializeAsync(CancellationToken.None);
            }));
            start.Set();
            await Task.WhenAll(starts);

            (await QueryAsync("SELECT version::text FROM schema_migrations ORDER BY version;")).Should().Equal(Versions);
        }
        finally
        {
            foreach (var store in stores)
            {
                await store.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task InitializeAsync_DatabaseAtVersion2_DropsCoordinatorMembersAndTheUnusedHints()
    {
        // Arrange: a version-2 database as an older coordinator left it, with the coordinator_members and hints tables of version 1.
        await OpenAsync();
        await QueryAsync("DELETE FROM schema_migrations WHERE version >= 3 RETURNING version::text;");
        await QueryAsync("CREATE TABLE coordinator_members (node_id TEXT PRIMARY KEY, address TEXT NOT NULL, last_seen TIMESTAMPTZ NOT NULL);");
        await QueryAsync("CREATE TABLE hints (id BIGSERIAL PRIMARY KEY, target_node_id TEXT NOT NULL, payload BYTEA NOT NULL);");

        // Act
        await OpenAsync();

        // Assert
        (await QueryAsync("SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1;"))
            .Should().Equal(Tables).And.NotContain("hints").And.NotContain("coordinator_members");
        (await QueryAsync("SELECT version::text FROM schema_migrations ORDER BY version;")).Should().Equal(Versions);
    }

    [Fact]
    public async Task InitializeAsync_DatabaseAtVersion3_DropsTheLeaseAndTaskCheckpointsAndKeepsTheRecords()
    {
        // Arrange: a version-3 database as a coordinator with migration leases left it, with a leased migration.
        await OpenAsync();
        await QueryAsync("DELETE FROM schema_migrations WHERE version = 4 RETURNING version::text;");
        await QueryAsync("ALTER TABLE migrations ADD COLUMN lease_until TIMESTAMPTZ; SELECT '';");
        await QueryAsync("""
            CREATE TABLE migration_tasks (migration_id TEXT NOT NULL, task_id TEXT NOT NULL, keys_copied BIGINT NOT NULL,
                completed_at TIMESTAMPTZ NOT NULL, PRIMARY KEY (migration_id, task_id));
            INSERT INTO migrations (id, type, node_id, status, phase, started_at, updated_at, owner_id, lease_until, active_slot)
                VALUES ('m1', 'add_node', 'node-4', 'in_progress', 'streaming', now(), now(), 'coord-a', now(), 1) RETURNING id;
            """);

        // Act
        var store = await OpenAsync();

        // Assert
        (await QueryAsync("SELECT column_name::text FROM information_schema.columns WHERE table_name = 'migrations' AND column_name LIKE 'lease%';"))
            .Should().BeEmpty();
        (await QueryAsync("SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1;")).Should().Equal(Tables);
        (await store.GetMigrationAsync("m1", CancellationToken.None))!.Owner.Should().Be("coord-a");
    }

    [Fact]
    public async Task InitializeAsync_DatabaseAtVersion7_AddsNodeIdentitiesAndRepairProgressAndKeepsTheNodes()
    {
        // Arrange: a version-7 database with one node (what versions 8 and 9 added taken away again).
        var old = await OpenAsync();
        var node = new StorageNode("s1", "127.0.0.1", 50061, 150, StorageNodeStatus.Active);
        await old.AddStorageNodeAsync(node, CancellationToken.None);
        await QueryAsync("DELETE FROM schema_migrations WHERE version >= 8 RETURNING version::text;");
        await QueryAsync("ALTER TABLE storage_nodes DROP COLUMN incarnation, DROP COLUMN rebuilding_since; SELECT '';");
        await QueryAsync("DROP TABLE repair_pass, repair_ranges; SELECT '';");

        // Act
        var store = await OpenAsync();

        // Assert
        (await QueryAsync("SELECT version::text FROM schema_migrations ORDER BY version;")).Should().Equal("1", "2", "3", "4", "5", "6", "7", "8", "9");
        (await store.ListStorageNodesAsync(CancellationToken.None)).Should().Equal(node);
        (await store.ListNodeIdentitiesAsync(CancellationToken.None)).Should().Equal(new NodeIdentity("s1", null, null));
        (await QueryAsync("SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1;")).Should().Equal(Tables);
        (await store.GetRepairPassAsync(CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task InitializeAsync_DatabaseFromNewerCoordinator_RefusesIt()
    {
        await OpenAsync();
        await QueryAsync("INSERT INTO schema_migrations (version, applied_at) VALUES (99, now()) RETURNING version::text;");

        var act = () => OpenAsync();

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("*schema version 99*");
    }

    [Fact]
    public void Embedded_Migrations_StartAtOneWithoutGaps()
    {
        var versions = PostgresMigrator.Embedded.Select(m => m.Version).ToList();

        versions.Should().Equal(Enumerable.Range(1, versions.Count));
        PostgresMigrator.Embedded[0].Resource.Should().Be("sql/001_initial.sql");
    }

    [Fact]
    public async Task Listener_ConnectionKilled_ReconnectsAndKeepsAnnouncing()
    {
        var store = await OpenAsync();
        var listener = await PostgresTenantChangeListener.StartAsync(_connectionString, TimeSpan.FromMilliseconds(50));
        _listeners.Add(listener);
        using var heard = new TenantChangeRecorder(listener);

        await QueryAsync(
            "SELECT pg_terminate_backend(pid)::text FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%';");
        using (var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(15)))
        {
            while (listener.Connections < 2 && !deadline.IsCancellationRequested)
            {
                await Task.Delay(20, CancellationToken.None);
            }
        }

        await store.CreateTenantAsync("after-reconnect", 2, T0, CancellationToken.None);

        listener.Connections.Should().Be(2);
        (await heard.NextAsync()).Should().Be("after-reconnect");
    }

    protected override Task<IMetadataStore> CreateStoreAsync() =>
        Task.FromResult<IMetadataStore>(new PostgresMetadataStore(_connectionString));

    protected override async Task<ITenantChangeFeed> OpenChangeFeedAsync(IMetadataStore store)
    {
        var listener = await PostgresTenantChangeListener.StartAsync(_connectionString);
        _listeners.Add(listener);
        return listener;
    }

    protected override async Task<ITokenChangeFeed> TokenChangesAsync(IMetadataStore store)
    {
        var listener = await PostgresTenantChangeListener.StartAsync(_connectionString);
        _listeners.Add(listener);
        return listener.Tokens;
    }

    /// <summary>Runs <paramref name="sql"/> on the scratch database and returns the first column of each row.</summary>
    private async Task<List<string>> QueryAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }
}
