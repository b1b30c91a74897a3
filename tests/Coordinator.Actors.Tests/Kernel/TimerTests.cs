using FluentAssertions;
using PairDb.Actors.Tests.Kernel.Support;

namespace PairDb.Actors.Tests.Kernel;

/// <summary>
/// Ticks are queued synchronously while the manual clock advances, so an ask sent afterwards is handled after
/// them: GetTicks observes every tick that fired, without waiting.
/// </summary>
public sealed class TimerTests
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task SingleTimer_ClockReachesDelay_DeliversOneTick()
    {
        // Arrange
        await using var env = new TestActorEnvironment();
        var actor = env.Spawn();
        (await actor.Ask<bool>(new StartTimer("a", TimeSpan.FromSeconds(10)), AskTimeout).WithinBound()).Should().BeTrue();

        // Act
        env.Time.Advance(TimeSpan.FromSeconds(9));
        var beforeDue = await actor.Ask<string[]>(new GetTicks(), AskTimeout).WithinBound();
        env.Time.Advance(TimeSpan.FromSeconds(1));
        var atDue = await actor.Ask<string[]>(new GetTicks(), AskTimeout).WithinBound();
        env.Time.Advance(TimeSpan.FromMinutes(1));
        var later = await actor.Ask<string[]>(new GetTicks(), AskTimeout).WithinBound();

        // Assert
        beforeDue.Should().BeEmpty();
        atDue.Should().Equal("a");
        later.Should().Equal("a");
    }

    [Fact]
    public async Task PeriodicTimer_EachInterval_DeliversTick()
    {
        // Arrange
        await using var env = new TestActorEnvironment();
        var actor = env.Spawn();
        await actor.Ask<bool>(new StartTimer("p", TimeSpan.FromSeconds(1), Periodic: true), AskTimeout).WithinBound();
        var counts = new List<int>();

        // Act
        for (var i = 0; i < 3; i++)
        {
            env.Time.Advance(TimeSpan.FromSeconds(1));
            counts.Add((await actor.Ask<string[]>(new GetTicks(), AskTimeout).WithinBound()).Length);
        }

        // Assert
        counts.Should().Equal(1, 2, 3);
    }

    [Fact]
    public async Task CancelTimer_BeforeDue_NoTick()
    {
        // Arrange
        await using var env = new TestActorEnvironment();
        var actor = env.Spawn();
        await actor.Ask<bool>(new StartTimer("a", TimeSpan.FromSeconds(10)), AskTimeout).WithinBound();

        // Act
        var stillActive = await actor.Ask<bool>(new CancelTimer("a"), AskTimeout).WithinBound();
        env.Time.Advance(TimeSpan.FromSeconds(20));

        // Assert
        stillActive.Should().BeFalse();
        (await actor.Ask<string[]>(new GetTicks(), AskTimeout).WithinBound()).Should().BeEmpty();
    }

    [Fact]
    public async Task CancelTimer_TickAlreadyQueued_TickDropped()
    {
        // Arrange: the handler holds the actor while the timer fires, so the tick waits in the mailbox.
        await using var env = new TestActorEnvironment();
        var actor = env.Spawn();
        await actor.Ask<bool>(new StartTimer("a", TimeSpan.FromSeconds(10)), AskTimeout).WithinBound();
        var gate = new TaskCompletionSource();
        actor.Tell(new BlockThenCancel(gate.Task, "a"));
        await env.Probe.ExpectAsync<Started>();
        await env.Probe.ExpectAsync<Blocked>();
        env.Time.Advance(TimeSpan.FromSeconds(10));

        // Act: the handler now cancels the timer whose tick is already queued.
        gate.SetResult();

        // Assert
        (await actor.Ask<string[]>(new GetTicks(), AskTimeout).WithinBound()).Should().BeEmpty();
    }

    [Fact]
    public async Task StartTimer_SameKeyAgain_ReplacesEarlierTimer()
    {
        // Arrange
        await using var env = new TestActorEnvironment();
        var actor = env.Spawn();
        await actor.Ask<bool>(new StartTimer("a", TimeSpan.FromSeconds(10)), AskTimeout).WithinBound();
        await actor.Ask<bool>(new StartTimer("a", TimeSpan.FromSeconds(20)), AskTimeout).WithinBound();

        // Act
        env.Time.Advance(TimeSpan.FromSeconds(10));
        var atFirstDue = await actor.Ask<string[]>(new GetTicks(), AskTimeout).WithinBound();
        env.Time.Advance(TimeSpan.FromSeconds(10));
        var atSecondDue = await actor.Ask<string[]>(new GetTicks(), AskTimeout).WithinBound();

        // Assert
        atFirstDue.Should().BeEmpty();
        atSecondDue.Should().Equal("a");
    }

    [Fact]
    public async Task StartTimer_SameKeyWhileOldTickQueued_OldTickDropped()
    {
        // Arrange: the old timer's tick is queued behind the message that replaces it.
        await using var env = new TestActorEnvironment();
        var actor = env.Spawn();
        await actor.Ask<bool>(new StartTimer("a", TimeSpan.FromSeconds(10)), AskTimeout).WithinBound();
        var gate = new TaskCompletionSource();
        var blocked = actor.Ask<string>(new Block(gate.Task), AskTimeout);
        await env.Probe.ExpectAsync<Started>();
        await env.Probe.ExpectAsync<Blocked>();
        var replaced = actor.Ask<bool>(new StartTimer("a", TimeSpan.FromSeconds(20)), AskTimeout);
        env.Time.Advance(TimeSpan.FromSeconds(10));

        // Act
        gate.SetResult();
        await blocked.WithinBound();
        await replaced.WithinBound();
        var afterOldDue = await actor.Ask<string[]>(new GetTicks(), AskTimeout).WithinBound();
        env.Time.Advance(TimeSpan.FromSeconds(20));
        var afterNewDue = await actor.Ask<string[]>(new GetTicks(), AskTimeout).WithinBound();

        // Assert
        afterOldDue.Should().BeEmpty();
        afterNewDue.Should().Equal("a");
    }

    [Fact]
    public async Task PeriodicTimer_ActorBusyForManyIntervals_OnlyOneTickQueued()
    {
        // Arrange
        await using var env = new TestActorEnvironment();
        var actor = env.Spawn();
        await actor.Ask<bool>(new StartTimer("p", TimeSpan.FromSeconds(1), Periodic: true), AskTimeout).WithinBound();
        var gate = new TaskCompletionSource();
        var blocked = actor.Ask<string>(new Block(gate.Task), AskTimeout);
        await env.Probe.ExpectAsync<Started>();
        await env.Probe.ExpectAsync<Blocked>();

        // Act: five intervals pass while the actor is held.
        env.Time.Advance(TimeSpan.FromSeconds(5));
        gate.SetResult();
        await blocked.WithinBound();

        // Assert
        (await actor.Ask<string[]>(new GetTicks(), AskTimeout).WithinBound()).Should().Equal("p");
    }
}
