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
}
