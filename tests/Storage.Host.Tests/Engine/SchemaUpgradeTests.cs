using FluentAssertions;
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

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Open_SchemaOneDirectory_UpgradesKeepingTheDataAndStoresExpiries()
    {
        var old = Live("old", 1, ("a", 1));
        CreateSchemaOne(old);
        var time = new ManualTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var nowMicros = (time.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond;
        var expiring = new VersionedValue(new byte[] { 1 }, Clock(("a", 1)), nowMicros, "coord-1", tombstone: false, expiresAtMicros: nowMicros + 1);

        await using (var engine = TestEngines.Open(_directory, o => o with { TombstoneGrace = TimeSpan.FromHours(1) }, time))
        {
            (await engine.ReadAsync("t", "old")).Should().Equal(old);
            engine.Stats.Keys.Should().Be(1);
            await engine.WriteAsync("t", "expiring", expiring);
        }

        UserVersion().Should().Be(2);
        await using var reopened = TestEngines.Open(_directory, o => o with { TombstoneGrace = TimeSpan.FromHours(1) }, time);
        (await reopened.ReadAsync("t", "expiring")).Should().Equal(expiring);
        time.Advance(TimeSpan.FromHours(2));
        (await reopened.CollectTombstonesAsync()).Should().Be(1);
        (await reopened.ReadAsync("t", "expiring")).Should().BeEmpty();
        (await reopened.ReadAsync("t", "old")).Should().Equal(old);
    }

    private string DatabasePath => Path.Combine(_directory.Path, StorageEngineOptions.DatabaseFileName);

    private void CreateSchemaOne(VersionedValue version)
    {
        using var connection = TestSqlite.Connection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = SchemaOne + "INSERT INTO kv (tenant, key, ring, bytes, tombstone_since, versions) VALUES ('t', 'old', 0, $bytes, NULL, $versions);";
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
}
