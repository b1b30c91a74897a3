using System.Threading.Channels;
using FluentAssertions;
using Grpc.Core;
using PairDb.Cli.Output.Views;
using PairDb.Cli.Tests.Support;
using PairDb.Cli.Watch;

namespace PairDb.Cli.Tests.Watch;

public sealed class MigrationWatcherTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task WatchAsync_AdvancingMigration_PollsOncePerIntervalUntilCompleted()
    {
        // Arrange
        var time = new ManualTimeProvider(DateTimeOffset.UnixEpoch);
        var states = new Queue<MigrationView>([State("in_progress", 10), State("in_progress", 60), State("completed", 100)]);
        var polls = Channel.CreateUnbounded<int>();
        var count = 0;
        var watcher = new MigrationWatcher(_ =>
        {
            polls.Writer.TryWrite(++count);
            return Task.FromResult(states.Dequeue());
        }, Interval, time);
        var seen = new List<double>();

        // Act
        var watch = watcher.WatchAsync(s => seen.Add(s.Percentage), CancellationToken.None);
        (await polls.Reader.ReadAsync().AsTask().WaitAsync(Wait)).Should().Be(1);
        time.Advance(Interval - TimeSpan.FromMilliseconds(1));
        polls.Reader.TryRead(out _).Should().BeFalse("the interval has not passed yet");
        time.Advance(TimeSpan.FromMilliseconds(1));
        (await polls.Reader.ReadAsync().AsTask().WaitAsync(Wait)).Should().Be(2);
        time.Advance(Interval);
        (await polls.Reader.ReadAsync().AsTask().WaitAsync(Wait)).Should().Be(3);
        var final = await watch.WaitAsync(Wait);

        // Assert
        final.Status.Should().Be("completed");
        seen.Should().Equal(10, 60, 100);
        states.Should().BeEmpty();
    }

    [Theory]
    [InlineData("failed")]
    [InlineData("cancelled")]
    [InlineData("completed")]
    public async Task WatchAsync_AlreadyTerminal_ReturnsAfterOnePollWithoutWaiting(string status)
    {
        // Arrange: a clock that never moves, so any wait would hang the test.
        var time = new ManualTimeProvider(DateTimeOffset.UnixEpoch);
        var count = 0;
        var watcher = new MigrationWatcher(_ =>
        {
            count++;
            return Task.FromResult(State(status, 50));
        }, Interval, time);

        // Act
        var final = await watcher.WatchAsync(static _ => { }, CancellationToken.None).WaitAsync(Wait);

        // Assert
        final.Status.Should().Be(status);
        count.Should().Be(1);
    }

    [Fact]
    public async Task WatchAsync_PollFails_PropagatesTheError()
    {
        // Arrange
        var watcher = new MigrationWatcher(
            static _ => Task.FromException<MigrationView>(new RpcException(new Status(StatusCode.NotFound, "Migration 'm-1' not found."))),
            Interval,
            new ManualTimeProvider(DateTimeOffset.UnixEpoch));

        // Act
        var act = () => watcher.WatchAsync(static _ => { }, CancellationToken.None);

        // Assert
        (await act.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.NotFound);
    }

    [Fact]
    public async Task WatchAsync_CancelledWhileWaiting_StopsPolling()
    {
        // Arrange
        var time = new ManualTimeProvider(DateTimeOffset.UnixEpoch);
        using var cancel = new CancellationTokenSource();
        var count = 0;
        var watcher = new MigrationWatcher(_ =>
        {
            count++;
            return Task.FromResult(State("in_progress", 1));
        }, Interval, time);

        // Act
        var watch = watcher.WatchAsync(static _ => { }, cancel.Token);
        await cancel.CancelAsync();
        var act = () => watch.WaitAsync(Wait);

        // Assert
        await act.Should().ThrowAsync<OperationCanceledException>();
        count.Should().Be(1);
    }

    [Fact]
    public void Constructor_NonPositiveInterval_Throws()
    {
        // Act
        var act = () => new MigrationWatcher(static _ => Task.FromResult(State("completed", 100)), TimeSpan.Zero, TimeProvider.System);

        // Assert
        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    private static MigrationView State(string status, float percentage) =>
        ProtoViews.Migration(Samples.Migration("m-1", status, percentage, (long)(percentage * 10)));
}
