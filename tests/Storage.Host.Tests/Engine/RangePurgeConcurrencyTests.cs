using FluentAssertions;
using PairDb.Messages.Ring;
using PairDb.Storage.Engine;
using PairDb.Storage.Tests.Support;
using static PairDb.Storage.Tests.Support.TestVersions;

namespace PairDb.Storage.Tests.Engine;

/// <summary>Purges sharing the single writer with ongoing writes, and a purge meeting a full write queue.</summary>
public sealed class RangePurgeConcurrencyTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task PurgeRangeAsync_WhileWritesGoOn_RemovesEveryPreexistingKeyAndKeepsCountersRight()
    {
        await using var engine = TestEngines.Open(_directory);
        await RangePurgeTests.WriteKeysAsync(engine, 3500, _ => "t", "old-");
        using var stop = new CancellationTokenSource();

        // Writers keep adding keys of another tenant and of the purged one, and overwrite purged keys, meanwhile.
        var writers = new Task<int>[3];
        for (var w = 0; w < writers.Length; w++)
        {
            var writer = w;
            writers[w] = Task.Run(() => WriteUntilStoppedAsync(engine, writer, stop.Token));
        }

        var removed = await engine.PurgeRangeAsync(RingRange.All, "t");
        await stop.CancelAsync();
        var written = await Task.WhenAll(writers);

        removed.Should().BeGreaterThanOrEqualTo(3500);
        var remaining = await RangePurgeTests.ScanAllAsync(engine, RingRange.All, "t");
        remaining.Should().OnlyContain(k => k.Key.StartsWith("new-", StringComparison.Ordinal) || HoldsRewrite(k));
        (await engine.CountAsync(RingRange.All, "other")).Keys.Should().Be(written.Sum());
        engine.Stats.Should().Be(await engine.CountAsync(RingRange.All));
    }

    [Fact]
    public async Task PurgeRangeAsync_WriteQueueFull_WaitsAndThenRemovesEverything()
    {
        await SeedAsync(1200);
        await using var engine = TestEngines.Open(_directory, o => o with { WriteQueueCapacity = 1, MaxBatchSize = 1 });
        using var blocker = new WriteLock(engine.DatabasePath);
        var fillers = await FillQueueAsync(engine);

        var purge = engine.PurgeRangeAsync(RingRange.All, "t");
        await Task.Delay(300);
        var completedWhileFull = purge.IsCompleted;
        blocker.Release();
        var removed = await purge;
        await Task.WhenAll(fillers);

        completedWhileFull.Should().BeFalse("a purge that cannot queue waits instead of returning a partial count");
        removed.Should().Be(1200);
        (await engine.CountAsync(RingRange.All, "t")).Keys.Should().Be(0);
        engine.Stats.Should().Be(await engine.CountAsync(RingRange.All));
    }

    [Fact]
    public async Task PurgeRangeAsync_WriteQueueStaysFull_FailsWithClearError()
    {
        var time = new ManualTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await SeedAsync(10);
        await using var engine = TestEngines.Open(_directory, o => o with { WriteQueueCapacity = 1, MaxBatchSize = 1 }, time);
        using var blocker = new WriteLock(engine.DatabasePath);
        var fillers = await FillQueueAsync(engine);

        var purge = engine.PurgeRangeAsync(RingRange.All, "t");

        // The writer stays blocked (for up to SQLite's 5 s busy timeout of real time) while the engine's clock
        // moves past the purge's 30 s patience.
        for (var i = 0; i < 50 && !purge.IsCompleted; i++)
        {
            time.Advance(TimeSpan.FromSeconds(10));
            await Task.Delay(10);
        }

        var error = (await FluentActions.Awaiting(() => purge).Should().ThrowAsync<StorageEngineException>()).Which;
        blocker.Release();
        await Task.WhenAll(fillers);

        error.Message.Should().Contain("write queue stayed full").And.Contain("removing 0 keys");
        (await engine.CountAsync(RingRange.All, "t")).Keys.Should().Be(10);
    }

    [Fact]
    public async Task PurgeRangeAsync_EngineDisposed_ThrowsObjectDisposed()
    {
        var engine = TestEngines.Open(_directory);
        await engine.DisposeAsync();

        var act = () => engine.PurgeRangeAsync(RingRange.All);

        await act.Should().ThrowAsync<ObjectDisposedException>();
    }

    /// <summary>Writes keys of tenant "t" through an engine with the default queue, closed again before the test opens its own.</summary>
    private async Task SeedAsync(int keys)
    {
        await using var seeder = TestEngines.Open(_directory);
        await RangePurgeTests.WriteKeysAsync(seeder, keys, _ => "t", "k-");
    }

    /// <summary>
    /// With a batch size and queue capacity of 1 and the writer blocked, queues writes of another tenant until two are
    /// accepted and one more is refused: the writer then holds one and the queue the other, and nothing moves.
    /// </summary>
    private static async Task<List<Task<WriteOutcome>>> FillQueueAsync(StorageEngine engine)
    {
        var accepted = new List<Task<WriteOutcome>>();
        for (var i = 0; i < 50; i++)
        {
            var write = engine.WriteAsync("filler", "f-" + i, Live("v", 1, ("a", 1))).AsTask();
            if (write.IsCompleted && (await write).Status == WriteStatus.Overloaded)
            {
                if (accepted.Count == 2)
                {
                    return accepted;
                }

                // The writer had not taken the first write out of the queue yet: try again once it has.
                await Task.Delay(10);
                continue;
            }

            accepted.Add(write);
            await Task.Delay(10);
        }

        throw new InvalidOperationException("The write queue never filled up.");
    }

    private static async Task<int> WriteUntilStoppedAsync(StorageEngine engine, int writer, CancellationToken stop)
    {
        var written = 0;
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            await engine.WriteAsync("other", $"w{writer}-{i}", Live("v", 1, ("a", 1)));
            await engine.WriteAsync("t", $"new-{writer}-{i}", Live("v", 1, ("a", 1)));
            await engine.WriteAsync("t", "old-" + ((i * 7) + writer), Live("rewrite", 2, ("a", 2)));
            written++;
        }

        return written;
    }

    private static bool HoldsRewrite(StoredKey key) => key.Versions.Count == 1 && Text(key.Versions[0]) == "rewrite";
}
