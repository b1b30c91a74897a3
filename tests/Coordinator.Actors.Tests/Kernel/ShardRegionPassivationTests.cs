using FluentAssertions;
using PairDb.Actors.Tests.Kernel.Support;

namespace PairDb.Actors.Tests.Kernel;

/// <summary>
/// Idle timers fire synchronously on the manual clock; entities report PostStop with the clock's time, so each
/// test can assert exactly when passivation happened.
/// </summary>
public sealed class ShardRegionPassivationTests
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromHours(1);
    private static readonly TimeSpan Idle = RegionEnvironment.IdleTimeout;

    [Fact]
    public async Task Idle_ShorterThanTimeout_EntityKept()
    {
        // Arrange
        await using var env = new RegionEnvironment();
        await env.Region.Ask<EntityReply>(new Touch("t", "k"), AskTimeout).WithinBound();

        // Act
        env.Time.Advance(Idle - TimeSpan.FromSeconds(1));
        var reply = await env.Region.Ask<EntityReply>(new Touch("t", "k"), AskTimeout).WithinBound();

        // Assert
        reply.Instance.Should().Be(1);
        env.Region.PassivatedTotal.Should().Be(0);
    }

    [Fact]
    public async Task Idle_ForTimeout_EntityPassivatedAndRecreatedOnNextMessage()
    {
        // Arrange
        await using var env = new RegionEnvironment();
        await env.Region.Ask<EntityReply>(new Touch("t", "k"), AskTimeout).WithinBound();
        await env.Probe.ExpectAsync<Started>();

        // Act
        env.Time.Advance(Idle);

        // Assert
        var stopped = await env.Probe.ExpectAsync<EntityStopped>();
        stopped.Should().Be(new EntityStopped(1, env.Start + Idle));
        env.Region.PassivatedTotal.Should().Be(1);
        env.Region.LiveEntities.Should().Be(0);
        (await env.Region.Ask<EntityReply>(new Touch("t", "k"), AskTimeout).WithinBound()).Instance.Should().Be(2);
        env.Region.LiveEntities.Should().Be(1);
    }

    [Fact]
    public async Task Idle_MessageArrivesBeforeTimeout_IdleClockRestartsFromIt()
    {
        // Arrange: touched at 0 s and at 20 s.
        await using var env = new RegionEnvironment();
        await env.Region.Ask<EntityReply>(new Touch("t", "k"), AskTimeout).WithinBound();
        await env.Probe.ExpectAsync<Started>();
        env.Time.Advance(TimeSpan.FromSeconds(20));
        await env.Region.Ask<EntityReply>(new Touch("t", "k"), AskTimeout).WithinBound();

        // Act: the timer first fires at 30 s (idle only 10 s), then again at 50 s.
        env.Time.Advance(TimeSpan.FromSeconds(10));
        env.Time.Advance(TimeSpan.FromSeconds(20));

        // Assert
        (await env.Probe.ExpectAsync<EntityStopped>()).At.Should().Be(env.Start + TimeSpan.FromSeconds(50));
    }

    [Fact]
    public async Task Idle_WriteInFlight_NotPassivatedUntilWriteCompletes()
    {
        // Arrange: a write that the test completes later keeps the entity busy.
        await using var env = new RegionEnvironment();
        var write = new TaskCompletionSource<int>();
        (await env.Region.Ask<string>(new BeginWrite("t", "k", write.Task), AskTimeout).WithinBound()).Should().Be("writing");
        await env.Probe.ExpectAsync<Started>();

        // Act: two idle timeouts pass with the write in flight, then it completes and a third passes.
        env.Time.Advance(Idle);
        env.Time.Advance(Idle);
        write.SetResult(1);
        var done = await env.Probe.ExpectAsync<WorkDone>();
        env.Time.Advance(Idle);

        // Assert: the write's result reached the entity, and passivation waited for it.
        done.Result.Should().Be(1);
        (await env.Probe.ExpectAsync<EntityStopped>()).At.Should().Be(env.Start + (3 * Idle));
        env.Region.PassivatedTotal.Should().Be(1);
    }

    [Fact]
    public async Task Passivation_MessageArrivesWhileEntityStopping_BufferedAndHandledByNewIncarnation()
    {
        // Arrange: hold the passivating entity inside PostStop.
        await using var env = new RegionEnvironment { PostStopGate = new ManualResetEventSlim() };
        await env.Region.Ask<EntityReply>(new Touch("t", "k"), AskTimeout).WithinBound();
        await env.Probe.ExpectAsync<Started>();
        env.Time.Advance(Idle);
        await env.Probe.ExpectAsync<EntityStopped>();

        // Act: an absence check (like Akka's ExpectNoMsg): a correct kernel cannot answer while the predecessor
        // is inside PostStop, so this window can never fail it; a successor started early would answer in it.
        var pending = env.Region.Ask<EntityReply>(new Touch("t", "k"), AskTimeout);
        var first = await Task.WhenAny(pending, Task.Delay(TimeSpan.FromMilliseconds(200)));
        var startedBeforeRelease = env.Probe.TryTake(out _);
        env.PostStopGate!.Set();

        // Assert: the successor waited for its predecessor, then handled the message.
        first.Should().NotBeSameAs(pending);
        startedBeforeRelease.Should().BeFalse();
        (await pending.WithinBound()).Instance.Should().Be(2);
        (await env.Probe.ExpectAsync<Started>()).Instance.Should().Be(2);
        env.Region.PassivatedTotal.Should().Be(1);
        env.Region.LiveEntities.Should().Be(1);
    }

    [Fact]
    public async Task Passivation_MessagesRacingIdleChecks_NoneLostAndIncarnationsNeverOverlap()
    {
        // Arrange
        await using var env = new RegionEnvironment();
        var instances = new List<int>();

        // Act: each round, the idle check and the next message race on the entity.
        for (var round = 0; round < 200; round++)
        {
            var ask = env.Region.Ask<EntityReply>(new Touch("t", "k"), AskTimeout);
            env.Time.Advance(Idle);
            instances.Add((await ask.WithinBound()).Instance);
        }

        // Assert: every message answered; once a newer incarnation answered, an older one never did.
        instances.Should().HaveCount(200);
        instances.Should().BeInAscendingOrder();
        instances[^1].Should().Be(env.Instances);
    }
}
