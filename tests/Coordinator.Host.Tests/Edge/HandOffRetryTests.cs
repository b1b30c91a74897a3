using FluentAssertions;
using PairDb.Coordinator.Edge;
using PairDb.Messages.Protocols;
using PairDb.Messages.Values;

namespace PairDb.Coordinator.Tests.Edge;

/// <summary>When a write is sent a second time, and which answer the client gets.</summary>
public sealed class HandOffRetryTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private static readonly WriteReply Applied = new WriteSucceeded(VectorClock.Empty.Increment("c"), 3, Consistency.Quorum, "k", IsDuplicate: false);
    private static readonly WriteReply Duplicate = new WriteSucceeded(VectorClock.Empty.Increment("c"), 3, Consistency.Quorum, "k", IsDuplicate: true);
    private static readonly WriteReply InProgress = new WriteFailed(FailureKind.IdempotencyInProgress, "in progress");

    [Fact]
    public async Task AskAsync_FirstAnswersAtOnce_SentOnce()
    {
        var asks = new Asks(Task.FromResult(Applied));

        var reply = await HandOffRetry.AskAsync(asks.Next, retryable: true, TimeSpan.FromMilliseconds(10), CancellationToken.None);

        reply.Should().Be(Applied);
        asks.Count.Should().Be(1);
    }

    [Fact]
    public async Task AskAsync_NoClientKeyAndNoAnswerYet_NeverSentTwice()
    {
        var first = new TaskCompletionSource<WriteReply>();
        var asks = new Asks(first.Task);
        var call = HandOffRetry.AskAsync(asks.Next, retryable: false, TimeSpan.FromMilliseconds(1), CancellationToken.None);

        // The retry delay passes many times over while the first ask is unanswered; still one send.
        await Task.Delay(50);
        first.SetResult(Applied);

        (await call.WaitAsync(Bound)).Should().Be(Applied);
        asks.Count.Should().Be(1);
    }

    [Fact]
    public async Task AskAsync_FirstDroppedInHandOff_SecondSendAnswers()
    {
        var asks = new Asks(new TaskCompletionSource<WriteReply>().Task, Task.FromResult(Applied));

        var reply = await HandOffRetry.AskAsync(asks.Next, retryable: true, TimeSpan.FromMilliseconds(10), CancellationToken.None).WaitAsync(Bound);

        reply.Should().Be(Applied);
        asks.Count.Should().Be(2);
    }

    [Fact]
    public async Task AskAsync_SecondFindsTheFirstInProgress_WaitsForTheFirstAnswer()
    {
        var first = new TaskCompletionSource<WriteReply>();
        var asks = new Asks(first.Task, Task.FromResult(InProgress));
        var call = HandOffRetry.AskAsync(asks.Next, retryable: true, TimeSpan.FromMilliseconds(10), CancellationToken.None);
        await Until(() => asks.Count == 2);

        first.SetResult(Applied);

        (await call.WaitAsync(Bound)).Should().Be(Applied, "the second send only found the first holding the claim");
    }

    [Fact]
    public async Task AskAsync_SecondAnswersDuplicate_ThatIsTheAnswer()
    {
        var asks = new Asks(new TaskCompletionSource<WriteReply>().Task, Task.FromResult(Duplicate));

        var reply = await HandOffRetry.AskAsync(asks.Next, retryable: true, TimeSpan.FromMilliseconds(10), CancellationToken.None).WaitAsync(Bound);

        reply.Should().Be(Duplicate, "the first send was applied and its answer lost: the claim replays its outcome");
    }

    private static async Task Until(Func<bool> condition)
    {
        using var bound = new CancellationTokenSource(Bound);
        while (!condition())
        {
            await Task.Delay(5, bound.Token);
        }
    }

    /// <summary>Hands out the given ask outcomes in order and counts the sends.</summary>
    private sealed class Asks(params Task<WriteReply>[] outcomes)
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public Task<WriteReply> Next() => outcomes[Interlocked.Increment(ref _count) - 1];
    }
}
