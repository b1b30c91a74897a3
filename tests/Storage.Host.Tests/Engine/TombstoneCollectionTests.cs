using FluentAssertions;
using PairDb.Storage.Engine;
using PairDb.Storage.Tests.Support;
using static PairDb.Storage.Tests.Support.TestVersions;

namespace PairDb.Storage.Tests.Engine;

public sealed class TombstoneCollectionTests : IAsyncLifetime
{
    private static readonly TimeSpan Grace = TimeSpan.FromHours(1);
    private readonly TempDirectory _directory = new();
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private StorageEngine _engine = null!;

    public Task InitializeAsync()
    {
        _engine = TestEngines.Open(_directory, o => o with { TombstoneGrace = Grace }, _time);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _engine.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task CollectTombstonesAsync_BeforeGraceEnds_KeepsTombstone()
    {
        await _engine.WriteAsync("t", "k", Tombstone(1, ("a", 1)));
        _time.Advance(Grace - TimeSpan.FromSeconds(1));

        var collected = await _engine.CollectTombstonesAsync();

        collected.Should().Be(0);
        (await _engine.ReadAsync("t", "k")).Should().HaveCount(1);
    }

    [Fact]
    public async Task CollectTombstonesAsync_AfterGrace_RemovesTombstoneOnlyKey()
    {
        await _engine.WriteAsync("t", "k", Live("v", 1, ("a", 1)));
        await _engine.WriteAsync("t", "k", Tombstone(2, ("a", 2)));
        _time.Advance(Grace + TimeSpan.FromSeconds(1));

        var collected = await _engine.CollectTombstonesAsync();

        collected.Should().Be(1);
        (await _engine.ReadAsync("t", "k")).Should().BeEmpty();
        _engine.Stats.Should().Be(new KeyStats(0, 0));
    }

    [Fact]
    public async Task CollectTombstonesAsync_TombstoneBesideLiveSibling_KeepsKey()
    {
        await _engine.WriteAsync("t", "k", Live("v", 1, ("a", 1)));
        await _engine.WriteAsync("t", "k", Tombstone(2, ("b", 1)));
        _time.Advance(Grace * 2);

        var collected = await _engine.CollectTombstonesAsync();

        collected.Should().Be(0);
        (await _engine.ReadAsync("t", "k")).Should().HaveCount(2);
    }

    [Fact]
    public async Task CollectTombstonesAsync_KeyRewrittenAfterDelete_KeepsKey()
    {
        await _engine.WriteAsync("t", "k", Tombstone(1, ("a", 1)));
        await _engine.WriteAsync("t", "k", Live("back", 2, ("a", 2)));
        _time.Advance(Grace * 2);

        var collected = await _engine.CollectTombstonesAsync();

        collected.Should().Be(0);
        Text((await _engine.ReadAsync("t", "k")).Single()).Should().Be("back");
    }

    [Fact]
    public async Task CollectTombstonesAsync_NewerTombstoneArrived_GraceCountsFromIt()
    {
        await _engine.WriteAsync("t", "k", Tombstone(1, ("a", 1)));
        _time.Advance(Grace - TimeSpan.FromMinutes(1));
        await _engine.WriteAsync("t", "k", Tombstone(2, ("a", 2)));
        _time.Advance(TimeSpan.FromMinutes(2));

        var early = await _engine.CollectTombstonesAsync();
        _time.Advance(Grace);
        var late = await _engine.CollectTombstonesAsync();

        early.Should().Be(0);
        late.Should().Be(1);
    }

    [Fact]
    public async Task CollectTombstonesAsync_MoreThanOneChunk_RemovesAll()
    {
        var writes = new List<Task<WriteOutcome>>();
        for (var i = 0; i < 2500; i++)
        {
            writes.Add(_engine.WriteAsync("t", "k" + i, Tombstone(1, ("a", 1))).AsTask());
        }

        await Task.WhenAll(writes);
        await _engine.WriteAsync("t", "live", Live("v", 1, ("a", 1)));
        _time.Advance(Grace * 2);

        var collected = await _engine.CollectTombstonesAsync();

        collected.Should().Be(2500);
        _engine.Stats.Keys.Should().Be(1);
    }
}
