using FluentAssertions;
using PairDb.Storage.Hosting;
using PairDb.Storage.Tests.Support;
using SQLitePCL;
using static PairDb.Storage.Tests.Support.TestVersions;

namespace PairDb.Storage.Tests.Hosting;

public sealed class SqliteLibraryTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Configure_BeforeTheFirstConnection_TurnsOffMemoryStatistics()
    {
        // Every connection of this process (the engine's and the specs' own) is opened after Configure.
        await using var engine = TestEngines.Open(_directory);
        await engine.WriteAsync("t", "k", Live("v", 1, ("a", 1)));
        (await engine.ReadAsync("t", "k")).Should().HaveCount(1);

        SqliteLibrary.Configure().Should().BeTrue("no SQLite connection of this process was opened before it");

        // With statistics on, SQLite counts every allocation: open connections and their caches hold many.
        raw.sqlite3_memory_used().Should().Be(0);
        raw.sqlite3_memory_highwater(0).Should().Be(0);
    }
}
