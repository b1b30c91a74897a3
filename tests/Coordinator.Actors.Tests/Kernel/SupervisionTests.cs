using FluentAssertions;
using PairDb.Actors.Kernel;
using PairDb.Actors.Tests.Kernel.Support;

namespace PairDb.Actors.Tests.Kernel;

public sealed class SupervisionTests
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(5);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Ask_HandlerThrows_FailsWithActorCrashedExceptionAndActorRestartsFresh(bool afterAwait)
    {
        // Arrange
        await using var env = new TestActorEnvironment();
        var actor = env.Spawn();
        (await actor.Ask<int>(new Increment(), AskTimeout).WithinBound()).Should().Be(1);
        (await actor.Ask<int>(new Increment(), AskTimeout).WithinBound()).Should().Be(2);

        // Act
        var crash = actor.Ask<int>(new Crash(afterAwait), AskTimeout);

        // Assert: the crashing ask fails clearly; the next message meets a fresh instance (state lost).
        var error = await crash.Awaiting(t => t.WithinBound()).Should().ThrowAsync<ActorCrashedException>();
        error.Which.InnerException.Should().BeOfType<InvalidOperationException>();
        error.Which.Path.Should().Be("/user/subject");
        (await actor.Ask<int>(new Increment(), AskTimeout).WithinBound()).Should().Be(1);
        env.Instances.Should().Be(2);
        env.System.Restarts.Should().Be(1);
    }

    [Fact]
    public async Task Crash_MessagesQueuedBehindIt_HandledByNewInstance()
    {
        // Arrange: queue a crash and three messages behind a gated handler.
        await using var env = new TestActorEnvironment();
        var actor = env.Spawn();
        var gate = new TaskCompletionSource();
        var blocked = actor.Ask<string>(new Block(gate.Task), AskTimeout);
        await env.Probe.ExpectAsync<Started>();
        await env.Probe.ExpectAsync<Blocked>();
        var crash = actor.Ask<int>(new Crash(), AskTimeout);
        var increment = actor.Ask<int>(new Increment(), AskTimeout);
        actor.Tell(new RecordValue(7));
        var recorded = actor.Ask<int[]>(new GetRecorded(), AskTimeout);

        // Act
        gate.SetResult();

        // Assert
        await blocked.WithinBound();
        await crash.Awaiting(t => t.WithinBound()).Should().ThrowAsync<ActorCrashedException>();
        (await increment.WithinBound()).Should().Be(1);
        (await recorded.WithinBound()).Should().Equal(7);
    }

    [Fact]
    public async Task Crash_PastRestartLimit_StopsActorAndLaterAsksFailWithActorStoppedException()
    {
        // Arrange: two restarts allowed per minute, so the third crash within it stops the actor.
        await using var env = new TestActorEnvironment();
        var actor = env.Spawn(env.Props with { MaxRestarts = 2, RestartWindow = TimeSpan.FromMinutes(1) });
        for (var i = 0; i < 2; i++)
        {
            await actor.Ask<int>(new Crash(), AskTimeout).Awaiting(t => t.WithinBound()).Should().ThrowAsync<ActorCrashedException>();
        }

        // Act
        var lastCrash = actor.Ask<int>(new Crash(), AskTimeout);

        // Assert
        await lastCrash.Awaiting(t => t.WithinBound()).Should().ThrowAsync<ActorCrashedException>();
        await ExpectLifecycleAsync(env.Probe, instances: 3);
        actor.Tell(new RecordValue(1)).Should().Be(TellResult.Stopped);
        await actor.Ask<int>(new Increment(), AskTimeout).Awaiting(t => t.WithinBound()).Should().ThrowAsync<ActorStoppedException>();
        env.System.Restarts.Should().Be(2);
        env.Instances.Should().Be(3);
    }

    [Fact]
    public async Task Crash_RestartsSpreadBeyondWindow_ActorKeepsRunning()
    {
        // Arrange: one restart per 10 s.
        await using var env = new TestActorEnvironment();
        var actor = env.Spawn(env.Props with { MaxRestarts = 1, RestartWindow = TimeSpan.FromSeconds(10) });
        await actor.Ask<int>(new Crash(), AskTimeout).Awaiting(t => t.WithinBound()).Should().ThrowAsync<ActorCrashedException>();

        // Act
        env.Time.Advance(TimeSpan.FromSeconds(11));
        await actor.Ask<int>(new Crash(), AskTimeout).Awaiting(t => t.WithinBound()).Should().ThrowAsync<ActorCrashedException>();

        // Assert
        (await actor.Ask<int>(new Increment(), AskTimeout).WithinBound()).Should().Be(1);
        env.System.Restarts.Should().Be(2);
    }

    [Fact]
    public async Task StopSelf_MessagesQueuedBehindIt_AsksFailWithActorStoppedException()
    {
        // Arrange
        await using var env = new TestActorEnvironment();
        var actor = env.Spawn();
        var gate = new TaskCompletionSource();
        var blocked = actor.Ask<string>(new Block(gate.Task), AskTimeout);
        await env.Probe.ExpectAsync<Started>();
        await env.Probe.ExpectAsync<Blocked>();
        actor.Tell(new StopSelf());
        var queued = actor.Ask<int>(new Increment(), AskTimeout);

        // Act
        gate.SetResult();

        // Assert
        await blocked.WithinBound();
        await queued.Awaiting(t => t.WithinBound()).Should().ThrowAsync<ActorStoppedException>();
        (await env.Probe.ExpectAsync<Stopped>()).Instance.Should().Be(1);
        actor.Tell(new RecordValue(1)).Should().Be(TellResult.Stopped);
    }

    [Fact]
    public async Task SystemStop_ActorBusy_CurrentMessageFinishesAndQueuedAskFails()
    {
        // Arrange
        await using var env = new TestActorEnvironment();
        var actor = env.Spawn();
        var gate = new TaskCompletionSource();
        var blocked = actor.Ask<string>(new Block(gate.Task), AskTimeout);
        await env.Probe.ExpectAsync<Started>();
        await env.Probe.ExpectAsync<Blocked>();
        var queued = actor.Ask<int>(new Increment(), AskTimeout);

        // Act
        env.System.Stop(actor);
        gate.SetResult();

        // Assert
        (await blocked.WithinBound()).Should().Be("unblocked");
        await queued.Awaiting(t => t.WithinBound()).Should().ThrowAsync<ActorStoppedException>();
        (await env.Probe.ExpectAsync<Stopped>()).Instance.Should().Be(1);
    }

    [Fact]
    public async Task DisposeAsync_LiveActors_EveryActorStopped()
    {
        // Arrange
        var env = new TestActorEnvironment();
        var first = env.System.ActorOf(env.Props, "first");
        var second = env.System.ActorOf(env.Props, "second");
        await first.Ask<string>(new Echo("up"), AskTimeout).WithinBound();
        await second.Ask<string>(new Echo("up"), AskTimeout).WithinBound();

        // Act
        await env.DisposeAsync();

        // Assert
        env.System.LiveActors.Should().Be(0);
        first.Tell(new RecordValue(1)).Should().Be(TellResult.Stopped);
        second.Tell(new RecordValue(1)).Should().Be(TellResult.Stopped);
    }

    /// <summary>Waits for Started/Stopped of instances 1..n, in that order.</summary>
    private static async Task ExpectLifecycleAsync(Probe probe, int instances)
    {
        for (var i = 1; i <= instances; i++)
        {
            (await probe.ExpectAsync<Started>()).Instance.Should().Be(i);
            (await probe.ExpectAsync<Stopped>()).Instance.Should().Be(i);
        }
    }
}
