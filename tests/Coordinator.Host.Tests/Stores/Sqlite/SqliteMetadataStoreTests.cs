using FluentAssertions;
using Microsoft.Data.Sqlite;
using PairDb.Actors.Ports;
using PairDb.Coordinator.Stores.Sqlite;
using PairDb.Coordinator.Tenants;

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
        versions.Should().Equal(1L, 2L, 3L);
    }

    [Fact]
    public async Task InitializeAsync_Twice_RecordsEachVersionOnce()
    {
        var store = await OpenAsync();
        await store.InitializeAsync(CancellationToken.None);

        var reopened = await OpenAsync();

        ReadSchemaVersions(((SqliteMetadataStore)reopened).DatabasePath).Should().Equal(1L, 2L, 3L);
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
