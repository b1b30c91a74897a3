using FluentAssertions;
using PairDb.Storage.Engine;
using PairDb.Storage.Tests.Support;

namespace PairDb.Storage.Tests.Engine;

/// <summary>The writer loop itself, driven with probe commands that record where and when they ran.</summary>
public sealed class GroupCommitLoopTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Commands_RunOnTheWritersOwnThread_NotOnAThreadPoolWorker()
    {
        using var metrics = NewMetrics(out var options, out var counters);
        await using var loop = NewLoop(options, counters, metrics);
        var probe = new ThreadProbe();

        loop.TryEnqueue(probe).Should().BeTrue();
        var thread = await probe.Executed.WaitAsync(TimeSpan.FromSeconds(10));

        thread.Name.Should().Be("pairdb-writer");
        thread.IsThreadPoolThread.Should().BeFalse();
        thread.IsBackground.Should().BeTrue("a writer must not keep a process alive that is shutting down without disposing it");
    }

    [Fact]
    public async Task DisposeAsync_CommitsEveryQueuedCommand_ThenStops()
    {
        using var metrics = NewMetrics(out var options, out var counters);
        var loop = NewLoop(options, counters, metrics);
        var probes = Enumerable.Range(0, 5).Select(_ => new ThreadProbe()).ToList();
        foreach (var probe in probes)
        {
            loop.TryEnqueue(probe).Should().BeTrue();
        }

        await loop.DisposeAsync();

        probes.Should().OnlyContain(p => p.Completed.IsCompletedSuccessfully);
        loop.IsRunning.Should().BeFalse();
        loop.CommittedBatches.Should().BeGreaterThan(0);
    }

    private EngineMetrics NewMetrics(out StorageEngineOptions options, out EngineCounters counters)
    {
        options = TestEngines.Options(_directory.Path);
        counters = new EngineCounters(new KeyStats(0, 0));
        return new EngineMetrics(options.NodeId, counters, SqliteSchema.DatabasePath(options));
    }

    private static GroupCommitLoop NewLoop(StorageEngineOptions options, EngineCounters counters, EngineMetrics metrics)
    {
        var connection = SqliteSchema.Open(options, readOnly: false);
        SqliteSchema.Initialize(connection, options.PageSizeBytes);
        return new GroupCommitLoop(new WriterSession(connection, TimeProvider.System, options.MaxSiblings), counters, metrics, options);
    }

    /// <summary>Records the thread it executed on; completes after its batch committed.</summary>
    private sealed class ThreadProbe : WriteCommand
    {
        private readonly TaskCompletionSource<Thread> _executed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<Thread> Executed => _executed.Task;

        public Task Completed => _completed.Task;

        public override void Execute(WriterSession session) => _executed.TrySetResult(Thread.CurrentThread);

        public override void Complete() => _completed.TrySetResult();

        public override void Fail(Exception error) => _completed.TrySetException(error);
    }
}
