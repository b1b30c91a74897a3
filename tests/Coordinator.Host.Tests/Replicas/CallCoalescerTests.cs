using System.Collections.Concurrent;
using FluentAssertions;
using Grpc.Core;
using PairDb.Coordinator.Replicas;

namespace PairDb.Coordinator.Tests.Replicas;

/// <summary>
/// The coalescer over scripted RPCs: every single and batch RPC waits until the spec completes it, so "in flight",
/// "queued" and "batched" are explicit.
/// </summary>
public sealed class CallCoalescerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);
    private readonly ConcurrentQueue<(int Request, TaskCompletionSource<string> Reply)> _singles = new();
    private readonly ConcurrentQueue<(List<int> Requests, TimeSpan Timeout, TaskCompletionSource<ItemOutcome<string>[]> Reply)> _batches = new();

    [Fact]
    public void CallAsync_BelowMaxInFlight_EachGoesOutAloneAtOnce()
    {
        var coalescer = Create(new CoalescingLimits(MaxInFlight: 3));

        _ = coalescer.CallAsync(1, Timeout);
        _ = coalescer.CallAsync(2, Timeout);
        _ = coalescer.CallAsync(3, Timeout);

        _singles.Select(s => s.Request).Should().Equal(1, 2, 3);
        _batches.Should().BeEmpty();
        coalescer.BatchesSent.Should().Be(0);
        coalescer.InFlight.Should().Be(3);
    }

    [Fact]
    public async Task CallAsync_AtMaxInFlight_QueuedCallsGoOutAsOneBatchInOrderWhenASlotFrees()
    {
        var coalescer = Create(new CoalescingLimits(MaxInFlight: 1));
        var first = coalescer.CallAsync(1, Timeout);
        var queued = new[] { coalescer.CallAsync(2, Timeout), coalescer.CallAsync(3, Timeout), coalescer.CallAsync(4, Timeout) };
        _batches.Should().BeEmpty("the only slot is busy");

        CompleteSingle("r1");

        (await first.WaitAsync(Bound)).Should().Be("r1");
        var batch = await NextBatchAsync();
        batch.Requests.Should().Equal(2, 3, 4);
        coalescer.BatchesSent.Should().Be(1);
        batch.Timeout.Should().BePositive().And.BeLessThanOrEqualTo(Timeout);
        batch.Reply.SetResult([Ok("r2"), Failed(StatusCode.InvalidArgument, "bad key"), Ok("r4")]);
        (await queued[0].WaitAsync(Bound)).Should().Be("r2");
        var error = (await FluentActions.Awaiting(() => queued[1].WaitAsync(Bound)).Should().ThrowAsync<RpcException>()).Which;
        error.StatusCode.Should().Be(StatusCode.InvalidArgument);
        error.Status.Detail.Should().Be("bad key");
        (await queued[2].WaitAsync(Bound)).Should().Be("r4");
        await WaitUntilAsync(() => coalescer.InFlight == 0);
    }

    [Fact]
    public async Task CallAsync_MoreQueuedThanMaxBatch_SentInSuccessiveBatchesOnTheFreedSlot()
    {
        var coalescer = Create(new CoalescingLimits(MaxInFlight: 1, MaxBatch: 2));
        _ = coalescer.CallAsync(0, Timeout);
        var queued = Enumerable.Range(1, 5).Select(i => coalescer.CallAsync(i, Timeout)).ToArray();

        CompleteSingle("r0");
        var sizes = new List<int>();
        for (var i = 0; i < 2; i++)
        {
            var batch = await NextBatchAsync();
            sizes.Add(batch.Requests.Count);
            batch.Reply.SetResult([.. batch.Requests.Select(r => Ok("r" + r))]);
        }

        // The last queued call is alone: it goes out as a single call, not a batch of one.
        var last = await NextSingleAsync();
        last.Request.Should().Be(5);
        last.Reply.SetResult("r5");

        sizes.Should().Equal(2, 2);
        (await Task.WhenAll(queued).WaitAsync(Bound)).Should().Equal("r1", "r2", "r3", "r4", "r5");
        await WaitUntilAsync(() => coalescer.InFlight == 0);
    }

    [Fact]
    public async Task CallAsync_BatchRpcFails_EveryCallInItFailsWithThatError()
    {
        var coalescer = Create(new CoalescingLimits(MaxInFlight: 1));
        _ = coalescer.CallAsync(0, Timeout);
        var queued = new[] { coalescer.CallAsync(1, Timeout), coalescer.CallAsync(2, Timeout) };

        CompleteSingle("r0");
        (await NextBatchAsync()).Reply.SetException(new RpcException(new Status(StatusCode.Unavailable, "connection reset")));

        foreach (var call in queued)
        {
            (await FluentActions.Awaiting(() => call.WaitAsync(Bound)).Should().ThrowAsync<RpcException>())
                .Which.StatusCode.Should().Be(StatusCode.Unavailable);
        }

        await WaitUntilAsync(() => coalescer.InFlight == 0);
    }

    [Fact]
    public async Task CallAsync_BatchAnswersTheWrongNumberOfResults_EveryCallFailsInternal()
    {
        var coalescer = Create(new CoalescingLimits(MaxInFlight: 1));
        _ = coalescer.CallAsync(0, Timeout);
        var queued = new[] { coalescer.CallAsync(1, Timeout), coalescer.CallAsync(2, Timeout) };

        CompleteSingle("r0");
        (await NextBatchAsync()).Reply.SetResult([Ok("only one")]);

        foreach (var call in queued)
        {
            (await FluentActions.Awaiting(() => call.WaitAsync(Bound)).Should().ThrowAsync<RpcException>())
                .Which.StatusCode.Should().Be(StatusCode.Internal);
        }
    }

    [Fact]
    public async Task CallAsync_QueueFull_RefusedAtOnceWithResourceExhausted()
    {
        var coalescer = Create(new CoalescingLimits(MaxInFlight: 1, MaxQueued: 2));
        _ = coalescer.CallAsync(0, Timeout);
        _ = coalescer.CallAsync(1, Timeout);
        _ = coalescer.CallAsync(2, Timeout);

        var refused = coalescer.CallAsync(3, Timeout);

        refused.IsFaulted.Should().BeTrue();
        (await FluentActions.Awaiting(() => refused).Should().ThrowAsync<RpcException>())
            .Which.StatusCode.Should().Be(StatusCode.ResourceExhausted);
    }

    [Fact]
    public async Task CallAsync_QueuedBeyondMaxBatchBytes_SplitIntoBatchesWithinTheBound()
    {
        var coalescer = Create(new CoalescingLimits(MaxInFlight: 1, MaxBatchBytes: 100));
        _ = coalescer.CallAsync(1, Timeout);
        var queued = new[] { 40, 50, 30, 20 }.Select(i => coalescer.CallAsync(i, Timeout)).ToArray();

        CompleteSingle("r1");
        var first = await NextBatchAsync();
        first.Reply.SetResult([.. first.Requests.Select(r => Ok("r" + r))]);
        var second = await NextBatchAsync();
        second.Reply.SetResult([.. second.Requests.Select(r => Ok("r" + r))]);

        first.Requests.Should().Equal(40, 50);
        second.Requests.Should().Equal(30, 20);
        (await Task.WhenAll(queued).WaitAsync(Bound)).Should().Equal("r40", "r50", "r30", "r20");
    }

    [Fact]
    public async Task CallAsync_CallLargerThanMaxBatchBytes_GoesOutAlone()
    {
        var coalescer = Create(new CoalescingLimits(MaxInFlight: 1, MaxBatchBytes: 100));
        _ = coalescer.CallAsync(1, Timeout);
        var large = coalescer.CallAsync(500, Timeout);
        var small = coalescer.CallAsync(10, Timeout);

        CompleteSingle("r1");
        var alone = await NextSingleAsync();
        alone.Reply.SetResult("r500");
        var next = await NextSingleAsync();
        next.Reply.SetResult("r10");

        alone.Request.Should().Be(500);
        next.Request.Should().Be(10);
        (await large.WaitAsync(Bound)).Should().Be("r500");
        (await small.WaitAsync(Bound)).Should().Be("r10");
        _batches.Should().BeEmpty();
    }

    [Fact]
    public async Task CallAsync_DeferredByTheNode_SentAgainAheadOfTheQueue()
    {
        var coalescer = Create(new CoalescingLimits(MaxInFlight: 1));
        _ = coalescer.CallAsync(1, Timeout);
        var queued = new[] { 2, 3, 4 }.Select(i => coalescer.CallAsync(i, Timeout)).ToArray();
        CompleteSingle("r1");
        var first = await NextBatchAsync();
        var later = coalescer.CallAsync(5, Timeout);

        first.Reply.SetResult([Ok("r2"), Deferred(), Deferred()]);
        var second = await NextBatchAsync();
        second.Reply.SetResult([Ok("r3"), Ok("r4"), Ok("r5")]);

        second.Requests.Should().Equal(3, 4, 5);
        (await Task.WhenAll(queued).WaitAsync(Bound)).Should().Equal("r2", "r3", "r4");
        (await later.WaitAsync(Bound)).Should().Be("r5");
        await WaitUntilAsync(() => coalescer.InFlight == 0);
    }

    [Fact]
    public async Task CallAsync_NodeDefersAWholeBatch_EveryCallFailsInternal()
    {
        var coalescer = Create(new CoalescingLimits(MaxInFlight: 1));
        _ = coalescer.CallAsync(1, Timeout);
        var queued = new[] { coalescer.CallAsync(2, Timeout), coalescer.CallAsync(3, Timeout) };

        CompleteSingle("r1");
        (await NextBatchAsync()).Reply.SetResult([Deferred(), Deferred()]);

        foreach (var call in queued)
        {
            (await FluentActions.Awaiting(() => call.WaitAsync(Bound)).Should().ThrowAsync<RpcException>())
                .Which.StatusCode.Should().Be(StatusCode.Internal);
        }

        await WaitUntilAsync(() => coalescer.InFlight == 0);
    }

    [Theory]
    [InlineData(0, 1, 1, 1)]
    [InlineData(1, 0, 1, 1)]
    [InlineData(1, 513, 1, 1)]
    [InlineData(1, 1, 0, 1)]
    [InlineData(1, 1, 1, 0)]
    public void Create_BoundOutOfRange_Throws(int maxInFlight, int maxBatch, int maxQueued, int maxBatchBytes)
    {
        var create = () => Create(new CoalescingLimits(maxInFlight, maxBatch, maxQueued, maxBatchBytes));

        create.Should().Throw<ArgumentOutOfRangeException>();
    }

    private static ItemOutcome<string> Ok(string response) => new(response, null);

    private static ItemOutcome<string> Failed(StatusCode code, string detail) => new(null, new RpcException(new Status(code, detail)));

    private static ItemOutcome<string> Deferred() => new(null, null, Deferred: true);

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (!condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the condition must hold within the bound");
            await Task.Delay(5);
        }
    }

    /// <summary>A coalescer whose calls are ints that weigh their own value in bytes.</summary>
    private CallCoalescer<int, string> Create(CoalescingLimits limits) => new(
        limits,
        static request => request,
        (request, _) =>
        {
            var reply = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            _singles.Enqueue((request, reply));
            return reply.Task;
        },
        (requests, timeout) =>
        {
            var reply = new TaskCompletionSource<ItemOutcome<string>[]>(TaskCreationOptions.RunContinuationsAsynchronously);
            _batches.Enqueue((requests, timeout, reply));
            return reply.Task;
        });

    private void CompleteSingle(string response)
    {
        _singles.TryDequeue(out var single).Should().BeTrue();
        single.Reply.SetResult(response);
    }

    private async Task<(List<int> Requests, TimeSpan Timeout, TaskCompletionSource<ItemOutcome<string>[]> Reply)> NextBatchAsync()
    {
        (List<int>, TimeSpan, TaskCompletionSource<ItemOutcome<string>[]>) batch = default;
        await WaitUntilAsync(() => _batches.TryDequeue(out batch));
        return batch;
    }

    private async Task<(int Request, TaskCompletionSource<string> Reply)> NextSingleAsync()
    {
        (int, TaskCompletionSource<string>) single = default;
        await WaitUntilAsync(() => _singles.TryDequeue(out single));
        return single;
    }
}
