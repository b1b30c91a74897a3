using FluentAssertions;
using PairDb.Actors.Kernel;
using PairDb.Actors.Tests.Kernel.Support;

namespace PairDb.Actors.Tests.Kernel;

public sealed class MailboxTests
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Tell_MailboxFull_RefusedAtOnceAndCounted()
    {
        // Arrange: the handler is held on a gate, so the two queued messages fill a mailbox of two.
        await using var env = new TestActorEnvironment();
        var actor = env.Spawn(env.Props with { MailboxCapacity = 2 });
        var gate = new TaskCompletionSource();
        var blocked = actor.Ask<string>(new Block(gate.Task), AskTimeout);
        await env.Probe.ExpectAsync<Started>();
        await env.Probe.ExpectAsync<Blocked>();
        actor.Tell(new RecordValue(1)).Should().Be(TellResult.Delivered);
        var recorded = actor.Ask<int[]>(new GetRecorded(), AskTimeout);

        // Act
        var refused = actor.Tell(new RecordValue(2));

        // Assert: refused and counted; what was admitted is still handled, in order.
        refused.Should().Be(TellResult.MailboxFull);
        env.System.MailboxOverflows.Should().Be(1);
        gate.SetResult();
        (await blocked.WithinBound()).Should().Be("unblocked");
        (await recorded.WithinBound()).Should().Equal(1);
    }

    [Fact]
    public async Task Ask_MailboxFull_FailsAtOnceWithMailboxFullException()
    {
        // Arrange
        await using var env = new TestActorEnvironment();
        var actor = env.Spawn(env.Props with { MailboxCapacity = 1 });
        var gate = new TaskCompletionSource();
        var blocked = actor.Ask<string>(new Block(gate.Task), AskTimeout);
        await env.Probe.ExpectAsync<Started>();
        await env.Probe.ExpectAsync<Blocked>();
        actor.Tell(new RecordValue(1)).Should().Be(TellResult.Delivered);

        // Act
        var ask = actor.Ask<int[]>(new GetRecorded(), AskTimeout);

        // Assert: failed before any time passes, without waiting for the handler.
        ask.IsFaulted.Should().BeTrue();
        var error = await ask.Awaiting(t => t).Should().ThrowAsync<MailboxFullException>();
        error.Which.Capacity.Should().Be(1);
        env.System.MailboxOverflows.Should().Be(1);
        gate.SetResult();
        await blocked.WithinBound();
    }

    [Fact]
    public async Task Tell_ManyMoreMessagesThanOneTurn_AllHandledInOrder()
    {
        // Arrange: far more messages than the loop handles per turn before yielding its thread.
        await using var env = new TestActorEnvironment();
        var actor = env.Spawn(env.Props with { MailboxCapacity = 10_000 });

        // Act
        for (var value = 0; value < 5_000; value++)
        {
            actor.Tell(new RecordValue(value)).Should().Be(TellResult.Delivered);
        }

        var recorded = await actor.Ask<int[]>(new GetRecorded(), AskTimeout).WithinBound();

        // Assert
        recorded.Should().Equal(Enumerable.Range(0, 5_000));
    }

    [Fact]
    public async Task Tell_HandlerAwaitsMidStream_LaterMessagesWaitAndKeepTheirOrder()
    {
        // Arrange: the second message's handler awaits a gate the test holds.
        await using var env = new TestActorEnvironment();
        var actor = env.Spawn();
        var gate = new TaskCompletionSource();
        actor.Tell(new RecordValue(1));
        var blocked = actor.Ask<string>(new Block(gate.Task), AskTimeout);
        actor.Tell(new RecordValue(2));
        var recorded = actor.Ask<int[]>(new GetRecorded(), AskTimeout);
        await env.Probe.ExpectAsync<Started>();
        await env.Probe.ExpectAsync<Blocked>();

        // Act: nothing behind the gate may run before it opens (an absence check: a correct kernel never answers).
        var early = await Task.WhenAny(recorded, Task.Delay(TimeSpan.FromMilliseconds(100)));
        gate.SetResult();

        // Assert
        early.Should().NotBeSameAs(recorded);
        (await blocked.WithinBound()).Should().Be("unblocked");
        (await recorded.WithinBound()).Should().Equal(1, 2);
    }

    [Fact]
    public async Task Tell_FromManyThreadsAtOnce_EachHandledOnceAndNeverConcurrently()
    {
        // Arrange: Increment replies with the actor's own unguarded counter, so two loops running at once
        // would lose increments or answer one value twice.
        await using var env = new TestActorEnvironment();
        var actor = env.Spawn(env.Props with { MailboxCapacity = 10_000 });

        // Act: four senders, 500 asks each.
        var senders = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            var asks = new List<Task<int>>();
            for (var i = 0; i < 500; i++)
            {
                asks.Add(actor.Ask<int>(new Increment(), AskTimeout));
            }

            return await Task.WhenAll(asks);
        }));
        var replies = (await Task.WhenAll(senders).WithinBound()).SelectMany(values => values).ToArray();

        // Assert: every count from 1 to 2,000 was handed out exactly once.
        replies.Order().Should().Equal(Enumerable.Range(1, 2_000));
    }
}
