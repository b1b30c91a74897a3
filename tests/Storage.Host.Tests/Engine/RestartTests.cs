using FluentAssertions;
using PairDb.Storage.Engine;
using PairDb.Storage.Hosting;
using PairDb.Storage.Tests.Support;
using static PairDb.Storage.Tests.Support.TestVersions;

namespace PairDb.Storage.Tests.Engine;

public sealed class RestartTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData(DurabilityMode.Fsync)]
    [InlineData(DurabilityMode.Os)]
    public async Task Open_AfterDispose_FindsEveryVersionAndStats(DurabilityMode durability)
    {
        var expected = new Dictionary<string, IReadOnlyList<PairDb.Messages.Values.VersionedValue>>();
        KeyStats stats;
        await using (var engine = TestEngines.Open(_directory, o => o with { Durability = durability }))
        {
            for (var i = 0; i < 50; i++)
            {
                await engine.WriteAsync("t", "k" + i, Live("a" + i, i, ("a", 1)));
                await engine.WriteAsync("t", "k" + i, Live("b" + i, i, ("b", 1)));
            }

            for (var i = 0; i < 50; i++)
            {
                expected["k" + i] = await engine.ReadAsync("t", "k" + i);
            }

            stats = engine.Stats;
        }

        await using var reopened = TestEngines.Open(_directory, o => o with { Durability = durability });

        reopened.Stats.Should().Be(stats);
        foreach (var (key, versions) in expected)
        {
            versions.Should().HaveCount(2);
            (await reopened.ReadAsync("t", key)).Should().Equal(versions);
        }
    }

    [Fact]
    public async Task Open_DatabaseFromNewerSchema_Refused()
    {
        await (TestEngines.Open(_directory)).DisposeAsync();
        using (var connection = TestSqlite.Connection($"Data Source={Path.Combine(_directory.Path, StorageEngineOptions.DatabaseFileName)};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version = 99;";
            command.ExecuteNonQuery();
        }

        var act = () => TestEngines.Open(_directory);

        act.Should().Throw<StorageEngineException>().WithMessage("*newer*");
    }

    [Fact]
    public void Open_InvalidOptions_ThrowsNamingTheSetting()
    {
        var act = () => TestEngines.Open(_directory, o => o with { MaxBatchSize = 0 });

        act.Should().Throw<ArgumentException>().WithMessage("*MaxBatchSize*");
    }

    [Fact]
    public async Task Open_Journal_IsWal()
    {
        await using var engine = TestEngines.Open(_directory);
        await engine.WriteAsync("t", "k", Live("v", 1, ("a", 1)));

        File.Exists(engine.DatabasePath + "-wal").Should().BeTrue();
    }
}
