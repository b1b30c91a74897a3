using FluentAssertions;
using PairDb.Storage.Engine;
using PairDb.Storage.Hosting;
using PairDb.Storage.Tests.Support;
using static PairDb.Storage.Tests.Support.TestVersions;

namespace PairDb.Storage.Tests.Engine;

public sealed class GroupCommitTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task WriteAsync_ManyConcurrentWrites_EachReadableWhenAcknowledged()
    {
        await using var engine = TestEngines.Open(_directory, o => o with { Durability = DurabilityMode.Fsync, MaxBatchSize = 64 });
        const int writes = 1000;

        var tasks = new Task<int>[writes];
        for (var i = 0; i < writes; i++)
        {
            tasks[i] = WriteThenReadAsync(engine, "key-" + i);
        }

        var counts = await Task.WhenAll(tasks);

        counts.Should().OnlyContain(count => count == 1);
        engine.Stats.Keys.Should().Be(writes);
        engine.CommittedBatches.Should().BeLessThan(writes, "concurrent writes share transactions");
        engine.LargestBatch.Should().BeInRange(2, 64);
    }

    [Theory]
    [InlineData(DurabilityMode.Os, StorageEngineOptions.DefaultOsBatchSize)]
    [InlineData(DurabilityMode.Fsync, StorageEngineOptions.DefaultFsyncBatchSize)]
    public async Task WriteAsync_BacklogWithNoBatchSizeSet_CommitsTheDurabilityModesDefaultAtOnce(DurabilityMode durability, int limit)
    {
        await using var engine = TestEngines.Open(_directory, o => o with { Durability = durability, MaxBatchSize = null });
        var blocker = new WriteLock(engine.DatabasePath);
        var writes = (2 * StorageEngineOptions.DefaultFsyncBatchSize) + 1;

        // With the writer held at BEGIN, the backlog is far larger than either default once the lock goes.
        var tasks = new Task<WriteOutcome>[writes];
        for (var i = 0; i < writes; i++)
        {
            tasks[i] = engine.WriteAsync("t", "key-" + i, Live("v", 1, ("a", 1))).AsTask();
        }

        blocker.Dispose();
        var outcomes = await Task.WhenAll(tasks);

        outcomes.Should().OnlyContain(o => o.Applied);
        engine.LargestBatch.Should().Be(limit);
    }

    [Fact]
    public async Task WriteAsync_WhileWriterBlocked_NotAcknowledgedUntilCommit()
    {
        await using var engine = TestEngines.Open(_directory);
        using var blocker = new WriteLock(engine.DatabasePath);

        var pending = engine.WriteAsync("t", "k", Live("v", 1, ("a", 1))).AsTask();
        await Task.Delay(300);
        var completedWhileBlocked = pending.IsCompleted;
        blocker.Release();
        var outcome = await pending;

        completedWhileBlocked.Should().BeFalse();
        outcome.Applied.Should().BeTrue();
        (await engine.ReadAsync("t", "k")).Should().HaveCount(1);
    }

    [Fact]
    public async Task WriteAsync_QueueFull_RefusedAsOverloaded()
    {
        await using var engine = TestEngines.Open(_directory, o => o with { WriteQueueCapacity = 2 });
        using var blocker = new WriteLock(engine.DatabasePath);

        var tasks = new List<Task<WriteOutcome>>();
        for (var i = 0; i < 10; i++)
        {
            tasks.Add(engine.WriteAsync("t", "k" + i, Live("v", 1, ("a", 1))).AsTask());
        }

        blocker.Release();
        var outcomes = await Task.WhenAll(tasks);

        // How many writes the loop took into its blocked batch before the queue filled depends on timing; with
        // room for 2 queued writes, 10 writes at once must see some refused and none lost.
        outcomes.Count(o => o.Status == WriteStatus.Overloaded).Should().BeGreaterThanOrEqualTo(1);
        outcomes.Should().OnlyContain(o => o.Status == WriteStatus.Overloaded || o.Status == WriteStatus.Applied);
        engine.Stats.Keys.Should().Be(outcomes.Count(o => o.Applied));
    }

    [Fact]
    public async Task WriteAsync_QueuedBytesOverBudget_RefusedAsOverloaded()
    {
        await using var engine = TestEngines.Open(_directory, o => o with { MaxQueuedBytes = 1000 });
        using var blocker = new WriteLock(engine.DatabasePath);
        var big = new string('x', 600);

        var first = engine.WriteAsync("t", "a", Live(big, 1, ("a", 1))).AsTask();
        var second = engine.WriteAsync("t", "b", Live(big, 1, ("a", 1))).AsTask();
        var third = engine.WriteAsync("t", "c", Live(big, 1, ("a", 1))).AsTask();
        blocker.Release();

        (await first).Applied.Should().BeTrue("a write larger than the budget is still admitted into an empty queue");
        (await second).Status.Should().Be(WriteStatus.Overloaded);
        (await third).Status.Should().Be(WriteStatus.Overloaded);
    }

    [Fact]
    public async Task DisposeAsync_WithQueuedWrites_CommitsThemFirst()
    {
        var engine = TestEngines.Open(_directory);
        var tasks = new Task<WriteOutcome>[200];
        for (var i = 0; i < tasks.Length; i++)
        {
            tasks[i] = engine.WriteAsync("t", "k" + i, Live("v", 1, ("a", 1))).AsTask();
        }

        await engine.DisposeAsync();

        (await Task.WhenAll(tasks)).Should().OnlyContain(o => o.Applied);
        await using var reopened = TestEngines.Open(_directory);
        reopened.Stats.Keys.Should().Be(200);
    }

    private static async Task<int> WriteThenReadAsync(StorageEngine engine, string key)
    {
        await engine.WriteAsync("t", key, Live("value", 1, ("a", 1)));
        return (await engine.ReadAsync("t", key)).Count;
    }
}
