using FluentAssertions;
using Microsoft.Data.Sqlite;
using PairDb.Actors.Ports;
using PairDb.Coordinator.Security;
using PairDb.Coordinator.Stores.Sqlite;
using PairDb.Coordinator.Tenants;
using PairDb.Messages.Values;

namespace PairDb.Coordinator.Tests.Stores.Sqlite;

/// <summary>The metadata contract against SQLite files in a fresh folder, plus the SQLite store's own schema behaviour.</summary>
public sealed class SqliteMetadataStoreTests : MetadataStoreContract
{
    private readonly TestDirectory _directory = new();

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task InitializeAsync_NewFolder_CreatesMetadataDbAtTheCurrentSchemaVersion()
    {
        var store = await OpenAsync();

        var versions = ReadSchemaVersions(((SqliteMetadataStore)store).DatabasePath);

        Path.GetFileName(((SqliteMetadataStore)store).DatabasePath).Should().Be("metadata.db");
        versions.Should().Equal(1L, 2L, 3L, 4L, 5L, 6L, 7L);
    }

    [Fact]
    public async Task InitializeAsync_Twice_RecordsEachVersionOnce()
    {
        var store = await OpenAsync();
        await store.InitializeAsync(CancellationToken.None);

        var reopened = await OpenAsync();

        ReadSchemaVersions(((SqliteMetadataStore)reopened).DatabasePath).Should().Equal(1L, 2L, 3L, 4L, 5L, 6L, 7L);
    }

    [Fact]
    public async Task InitializeAsync_DatabaseFromNewerCoordinator_RefusesIt()
    {
        var store = await OpenAsync();
        var path = ((SqliteMetadataStore)store).DatabasePath;
        await StoreLifetime.CloseAsync(store);
        Execute(path, "INSERT INTO schema_version (version, applied_at) VALUES (99, 0);");

        var act = () => OpenAsync();

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("*schema version 99*");
    }

    [Fact]
    public async Task InitializeAsync_DatabaseAtVersion2_DropsTheLeaseAndTaskCheckpointsAndKeepsTheRecords()
    {
        // Arrange: a version-2 file as a coordinator with migration leases left it, with a leased migration.
        var store = await OpenAsync();
        var path = ((SqliteMetadataStore)store).DatabasePath;
        await StoreLifetime.CloseAsync(store);
        Execute(path, """
            DELETE FROM schema_version WHERE version >= 3;
            ALTER TABLE storage_nodes DROP COLUMN incarnation;
            ALTER TABLE storage_nodes DROP COLUMN rebuilding_since;
            DROP TABLE repair_pass;
            DROP TABLE repair_ranges;
            DROP TABLE tenant_tokens;
            DROP TABLE audit_records;
            ALTER TABLE tenants DROP COLUMN requests_per_second;
            ALTER TABLE tenants DROP COLUMN bytes_per_second;
            ALTER TABLE migrations ADD COLUMN lease_until INTEGER;
            CREATE TABLE migration_tasks (migration_id TEXT NOT NULL, task_id TEXT NOT NULL, keys_copied INTEGER NOT NULL,
                completed_at INTEGER NOT NULL, PRIMARY KEY (migration_id, task_id));
            INSERT INTO migrations (id, type, node_id, tenant_id, previous_replication_factor, replication_factor, status, phase,
                keys_migrated, total_keys, started_at, updated_at, owner_id, lease_until, active_slot)
                VALUES ('m1', 'add_node', 'node-4', '', 0, 0, 'in_progress', 'streaming', 0, 0, 0, 0, 'coord-a', 0, 1);
            """);

        // Act
        var reopened = await OpenAsync();

        // Assert
        ReadSchemaVersions(path).Should().Equal(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        (await reopened.GetMigrationAsync("m1", CancellationToken.None))!.Owner.Should().Be("coord-a");
        var act = () => Execute(path, "SELECT lease_until FROM migrations;");
        act.Should().Throw<SqliteException>().WithMessage("*lease_until*");
        act = () => Execute(path, "SELECT 1 FROM migration_tasks;");
        act.Should().Throw<SqliteException>().WithMessage("*migration_tasks*");
    }

    [Fact]
    public async Task InitializeAsync_DatabaseAtVersion4_AddsRateLimitsAndKeepsTenantsOnTheDefaults()
    {
        var store = await OpenAsync();
        var created = await store.CreateTenantAsync("acme", 2, T0, CancellationToken.None);
        var path = ((SqliteMetadataStore)store).DatabasePath;
        await StoreLifetime.CloseAsync(store);
        Execute(path, """
            DELETE FROM schema_version WHERE version >= 5;
            ALTER TABLE storage_nodes DROP COLUMN incarnation;
            ALTER TABLE storage_nodes DROP COLUMN rebuilding_since;
            DROP TABLE repair_pass;
            DROP TABLE repair_ranges;
            ALTER TABLE tenants DROP COLUMN requests_per_second;
            ALTER TABLE tenants DROP COLUMN bytes_per_second;
            """);

        var reopened = await OpenAsync();

        ReadSchemaVersions(path).Should().Equal(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        (await reopened.GetTenantAsync("acme", CancellationToken.None)).Should().Be(created).And.Match<Tenant>(static t => t.RateLimits == null);
    }

    [Fact]
    public async Task InitializeAsync_DatabaseAtVersion5_CreatesTheRepairTablesAndKeepsTheData()
    {
        // Arrange: a version-5 file as a coordinator without anti-entropy left it.
        var store = await OpenAsync();
        var created = await store.CreateTenantAsync("acme", 2, T0, CancellationToken.None);
        var path = ((SqliteMetadataStore)store).DatabasePath;
        await StoreLifetime.CloseAsync(store);
        Execute(path, """
            DELETE FROM schema_version WHERE version >= 6;
            ALTER TABLE storage_nodes DROP COLUMN incarnation;
            ALTER TABLE storage_nodes DROP COLUMN rebuilding_since;
            DROP TABLE repair_pass;
            DROP TABLE repair_ranges;
            """);

        // Act
        var reopened = await OpenAsync();
        var pass = new RepairPassRecord(1, T0, null, null);
        await reopened.SaveRepairPassAsync(pass, CancellationToken.None);
        await reopened.SaveRepairRangeAsync(
            new RepairRangeRecord(new RepairRangeKey(2, ulong.MaxValue, 7), ["s1", "s2"], null, T0, 0, 0, 0, null), CancellationToken.None);

        // Assert
        ReadSchemaVersions(path).Should().Equal(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        (await reopened.GetTenantAsync("acme", CancellationToken.None)).Should().Be(created);
        (await reopened.GetRepairPassAsync(CancellationToken.None)).Should().Be(pass);
        (await reopened.ListRepairRangesAsync(CancellationToken.None)).Should().ContainSingle().Which.Key.Start.Should().Be(ulong.MaxValue);
    }

    [Fact]
    public async Task InitializeAsync_DatabaseAtVersion6_AddsNodeIdentitiesAndKeepsTheNodes()
    {
        var store = await OpenAsync();
        var node = new StorageNode("s1", "127.0.0.1", 50061, 150, StorageNodeStatus.Active);
        await store.AddStorageNodeAsync(node, CancellationToken.None);
        var path = ((SqliteMetadataStore)store).DatabasePath;
        await StoreLifetime.CloseAsync(store);
        Execute(path, """
            DELETE FROM schema_version WHERE version = 7;
            ALTER TABLE storage_nodes DROP COLUMN incarnation;
            ALTER TABLE storage_nodes DROP COLUMN rebuilding_since;
            """);

        var reopened = await OpenAsync();

        ReadSchemaVersions(path).Should().Equal(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        (await reopened.ListStorageNodesAsync(CancellationToken.None)).Should().Equal(node);
        (await reopened.ListNodeIdentitiesAsync(CancellationToken.None)).Should().Equal(new NodeIdentity("s1", null, null));
    }

    [Fact]
    public async Task GetTenantAsync_BeforeInitialize_Throws()
    {
        using var store = new SqliteMetadataStore(_directory.Path);

        var act = () => store.GetTenantAsync("acme", CancellationToken.None);

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("*InitializeAsync*");
    }

    [Fact]
    public async Task GetTenantAsync_AfterDispose_ThrowsObjectDisposed()
    {
        var store = await OpenAsync();
        await StoreLifetime.CloseAsync(store);

        var act = () => store.GetTenantAsync("acme", CancellationToken.None);

        await act.Should().ThrowAsync<ObjectDisposedException>();
    }

    protected override Task<IMetadataStore> CreateStoreAsync() =>
        Task.FromResult<IMetadataStore>(new SqliteMetadataStore(_directory.Path));

    protected override Task<ITenantChangeFeed> OpenChangeFeedAsync(IMetadataStore store) =>
        Task.FromResult(((SqliteMetadataStore)store).Changes);

    protected override Task<ITokenChangeFeed> TokenChangesAsync(IMetadataStore store) =>
        Task.FromResult(((SqliteMetadataStore)store).TokenChanges);

    private static List<long> ReadSchemaVersions(string path)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT version FROM schema_version ORDER BY version;";
        using var reader = command.ExecuteReader();
        var versions = new List<long>();
        while (reader.Read())
        {
            versions.Add(reader.GetInt64(0));
        }

        return versions;
    }

    private static void Execute(string path, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
