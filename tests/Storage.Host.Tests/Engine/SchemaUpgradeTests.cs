using FluentAssertions;
using PairDb.Messages.Ring;
using PairDb.Messages.Values;
using PairDb.Storage.Engine;
using PairDb.Storage.Tests.Support;
using static PairDb.Storage.Tests.Support.TestVersions;

namespace PairDb.Storage.Tests.Engine;

public sealed class SchemaUpgradeTests : IDisposable
{
    // The layout of schema 1, as storage nodes created it before versions could expire.
    private const string SchemaOne = """
        CREATE TABLE kv (
            id INTEGER PRIMARY KEY,
            tenant TEXT NOT NULL,
            key TEXT NOT NULL,
            ring INTEGER NOT NULL,
            bytes INTEGER NOT NULL,
            tombstone_since INTEGER,
            versions BLOB NOT NULL
        );
        CREATE UNIQUE INDEX ux_kv_key ON kv (tenant, key);
        CREATE INDEX ix_kv_ring ON kv (ring, tenant, key);
        CREATE INDEX ix_kv_tombstone ON kv (tombstone_since) WHERE tombstone_since IS NOT NULL;
        PRAGMA user_version = 1;
        """;

    // Schema 2 added the expiry column and its index; it had no incarnation.
    private const string SchemaTwoFromOne = """
        ALTER TABLE kv ADD COLUMN expires_at INTEGER;
        CREATE INDEX ix_kv_expires ON kv (expires_at) WHERE expires_at IS NOT NULL;
        PRAGMA user_version = 2;
        """;

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Open_SchemaOneDirectory_UpgradesKeepingTheDataAndStoresExpiries()
    {
        var old = Live("old", 1, ("a", 1));
        CreateOldSchema(old, SchemaOne);
        const long nowMicros = 1_000_000;
        var expiring = new VersionedValue(new byte[] { 1 }, Clock(("a", 1)), nowMicros, "coord-1", tombstone: false, expiresAtMicros: nowMicros + 1);

        await using (var engine = TestEngines.Open(_directory))
        {
            (await engine.ReadAsync("t", "old")).Should().Equal(old);
            engine.Stats.Keys.Should().Be(1);
            await engine.WriteAsync("t", "expiring", expiring);
        }

        UserVersion().Should().Be(3);
        await using var reopened = TestEngines.Open(_directory);
        (await reopened.ReadAsync("t", "expiring")).Should().Equal(expiring);
        (await reopened.CollectTombstonesAsync(RingRange.All, ["t"], nowMicros + 1)).Should().Be(new CollectResult(1, 1));
        (await reopened.ReadAsync("t", "expiring")).Should().BeEmpty();
        (await reopened.ReadAsync("t", "old")).Should().Equal(old);
    }

    [Fact]
    public async Task Open_SchemaTwoDirectory_UpgradesToThreeWithAnIncarnationKeptOnReopen()
    {
        var old = Live("old", 1, ("a", 1));
        CreateOldSchema(old, SchemaOne + SchemaTwoFromOne);

        string incarnation;
        await using (var engine = TestEngines.Open(_directory))
        {
            incarnation = engine.Incarnation;
            (await engine.ReadAsync("t", "old")).Should().Equal(old);
        }

        await using var reopened = TestEngines.Open(_directory);

        incarnation.Should().MatchRegex("^[0-9a-f]{32}$");
        reopened.Incarnation.Should().Be(incarnation);
        UserVersion().Should().Be(3);
        Indexes().Should().BeEquivalentTo(["ux_kv_key", "ix_kv_ring"], "the partial indexes of the old local sweep are dropped");
    }

    [Fact]
    public async Task Open_SameDirectoryAgain_KeepsTheIncarnation()
    {
        string first;
        await using (var engine = TestEngines.Open(_directory))
        {
            first = engine.Incarnation;
            await engine.WriteAsync("t", "k", Live("v", 1, ("a", 1)));
        }

        await using var reopened = TestEngines.Open(_directory);

        reopened.Incarnation.Should().Be(first);
    }

    [Fact]
    public async Task Open_WipedDirectory_GetsANewIncarnation()
    {
        string first;
        await using (var engine = TestEngines.Open(_directory))
        {
            first = engine.Incarnation;
        }

        foreach (var file in Directory.GetFiles(_directory.Path))
        {
            File.Delete(file);
        }

        await using var fresh = TestEngines.Open(_directory);

        fresh.Incarnation.Should().MatchRegex("^[0-9a-f]{32}$").And.NotBe(first);
    }

    private string DatabasePath => Path.Combine(_directory.Path, StorageEngineOptions.DatabaseFileName);

    private void CreateOldSchema(VersionedValue version, string schema)
    {
        using var connection = TestSqlite.Connection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = schema + "INSERT INTO kv (tenant, key, ring, bytes, tombstone_since, versions) VALUES ('t', 'old', 0, $bytes, NULL, $versions);";
        var blob = VersionCodec.Encode([version]);
        command.Parameters.AddWithValue("$bytes", blob.Length + 4);
        command.Parameters.AddWithValue("$versions", blob);
        command.ExecuteNonQuery();
    }

    private long UserVersion()
    {
        using var connection = TestSqlite.Connection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version;";
        return (long)command.ExecuteScalar()!;
    }

    private List<string> Indexes()
    {
        using var connection = TestSqlite.Connection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'kv' AND sql IS NOT NULL;";
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}
