using FluentAssertions;
using PairDb.Storage.Engine;
using PairDb.Storage.Tests.Support;
using static PairDb.Storage.Tests.Support.TestVersions;

namespace PairDb.Storage.Tests.Engine;

public sealed class WalCheckpointTests : IDisposable
{
    private readonly TempDirectory _small = new();
    private readonly TempDirectory _large = new();

    public void Dispose()
    {
        _small.Dispose();
        _large.Dispose();
    }

    [Fact]
    public async Task Write_WalCheckpointPages_DecidesWhenCommitsCopyTheWalIntoTheDatabase()
    {
        var small = await WriteAndMeasureAsync(_small, pages: 1);
        var large = await WriteAndMeasureAsync(_large, pages: 1_000_000);

        // With one page the writer checkpoints at every commit, so the rows reach the database file; with a bound
        // never reached they stay in the WAL and the database file keeps the size the schema gave it.
        small.Database.Should().BeGreaterThan(large.Database);
        large.Wal.Should().BeGreaterThan(small.Wal);
    }

    private static async Task<(long Database, long Wal)> WriteAndMeasureAsync(TempDirectory directory, int pages)
    {
        await using var engine = TestEngines.Open(directory, o => o with { WalCheckpointPages = pages });
        var value = new string('v', 2000);
        for (var i = 0; i < 200; i++)
        {
            await engine.WriteAsync("t", "k" + i, Live(value, i, ("a", 1)));
        }

        var path = Path.Combine(directory.Path, StorageEngineOptions.DatabaseFileName);
        return (new FileInfo(path).Length, new FileInfo(path + "-wal").Length);
    }
}
