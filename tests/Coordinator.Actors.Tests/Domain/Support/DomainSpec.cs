using System.Text;
using Akka.Actor;
using Akka.Configuration;
using Akka.TestKit;
using FluentAssertions;
using PairDb.Actors.Keys;
using PairDb.Actors.Quorum;
using PairDb.Actors.Repair;
using PairDb.Actors.Ring;
using PairDb.Actors.Support;
using PairDb.Messages.Protocols;
using PairDb.Messages.Values;

namespace PairDb.Actors.Tests.Domain.Support;

/// <summary>
/// Base of the domain specs: one actor system per spec (xUnit makes an instance per test) on Akka.TestKit's
/// TestScheduler, so actors' "now" and their timers move only when a spec calls <see cref="Scheduler"/>.Advance;
/// fake ports (replicas, idempotency, metadata with three nodes), the ring view the ring actor fills, and a probe
/// standing in for the read-repair actor. Actors a spec starts through <see cref="SpawnAsync"/> are supervised by a
/// parent that restarts them as Akka's default strategy does and counts it in <see cref="Restarts"/>.
/// </summary>
public abstract class DomainSpec : Akka.TestKit.Xunit2.TestKit
{
    /// <summary>Real-time bound of asks and expectations: a bug fails the spec instead of hanging it.</summary>
    public static readonly TimeSpan AskTimeout = Bounded.Limit;

    /// <summary>Probes and reloads are a day apart, so specs that advance minutes never trigger them.</summary>
    public static readonly RingSettings QuietRing = new(TimeSpan.FromDays(1), TimeSpan.FromSeconds(1), 3, TimeSpan.FromDays(1));

    /// <summary>What every spec's system shares: generous real-time bounds for expectations, quiet logs.</summary>
    public static readonly Config Common = ConfigurationFactory.ParseString("""
        akka.loglevel = WARNING
        akka.test.single-expect-default = 10s
        akka.test.default-timeout = 10s
        akka.test.startup-timeout = 10s
        """).WithFallback(CompactMailbox.Registration);

    /// <summary>Manual time: the system's scheduler is Akka.TestKit's TestScheduler.</summary>
    public static readonly Config ManualTimeConfig = ConfigurationFactory.ParseString("""
        akka.scheduler.implementation = "Akka.TestKit.TestScheduler, Akka.TestKit"
        """).WithFallback(Common);

    private int _restarts;

    protected DomainSpec()
        : this(ManualTimeConfig)
    {
    }

    protected DomainSpec(Config config)
        : base(config.WithFallback(Common))
    {
        Metadata = new FakeMetadataStore(TestData.ThreeNodes);
        RepairJobs = CreateTestProbe("read-repair");
    }

    /// <summary>The manual clock of this spec's system (only for systems started on <see cref="ManualTimeConfig"/>).</summary>
    public TestScheduler Scheduler => (TestScheduler)Sys.Scheduler;

    public FakeReplicaClient Replicas { get; } = new();

    public FakeIdempotencyStore Idempotency { get; } = new();

    public FakeMetadataStore Metadata { get; }

    public RingView Ring { get; } = new();

    /// <summary>Stands in for the read-repair actor: receives the jobs reads hand on.</summary>
    public TestProbe RepairJobs { get; }

    public RepairCounters RepairCounters { get; } = new();

    /// <summary>What this spec's reads counted (speculated, full).</summary>
    public ReadCounters ReadCounters { get; } = new();

    /// <summary>Every read asks all N replicas at once, as before speculative retry: what specs of other concerns use.</summary>
    public ReadFanoutSettings FullReads => Fanout(fullReadChance: 1);

    /// <summary>The counters every key actor of this spec reports to (live, stopped, queue full).</summary>
    public KeyActorCounters KeyCounters { get; } = new();

    /// <summary>Crashes of actors started through <see cref="SpawnAsync"/>, each answered with a restart.</summary>
    public int Restarts => Volatile.Read(ref _restarts);

    /// <summary>The actors' clock: the scheduler's.</summary>
    public DateTime ActorsNow => Sys.Scheduler.Now.UtcDateTime;

    public DateTime Deadline(TimeSpan after) => ActorsNow + after;

    public ReadRepairSettings RepairSettings(ReadRepairMode mode, int maxRepairsPerRead = 3) =>
        new(mode, maxRepairsPerRead, RepairJobs.Ref, RepairCounters);

    /// <summary>Read fanout with a fixed draw (0.5 unless given), so whether a read is a full read is decided by the chance alone.</summary>
    public ReadFanoutSettings Fanout(double fullReadChance, TimeSpan? speculativeRetry = null, double draw = 0.5) =>
        new(speculativeRetry ?? TimeSpan.FromMilliseconds(10), fullReadChance, ReadCounters) { Draw = () => draw };

    /// <summary>Starts <paramref name="props"/> under a parent that restarts it on a crash and counts the crash.</summary>
    public Task<IActorRef> SpawnAsync(Props props, string name) =>
        ChildActorOfAsync(props, name, new OneForOneStrategy(_ =>
        {
            Interlocked.Increment(ref _restarts);
            return Directive.Restart;
        }));

    /// <summary>Starts the ring actor over the metadata store and waits for its first snapshot.</summary>
    public async Task<IActorRef> StartRingAsync(RingSettings? settings = null)
    {
        var ring = await SpawnAsync(RingActor.Props(Metadata, Replicas, Ring, settings ?? QuietRing), "ring");
        await ring.Ask<RingSnapshot>(new RefreshMembership(), AskTimeout);
        return ring;
    }

    /// <summary>
    /// What the spec's key actors share; their reads are full reads unless <paramref name="reads"/> says otherwise, and
    /// hints go to <paramref name="hints"/> (none kept when null).
    /// </summary>
    public KeyActorServices KeyServices(int maxBatch = 16, int maxClockEntries = 10, ReadFanoutSettings? reads = null, IActorRef? hints = null) =>
        new(Replicas, Idempotency, Ring, RepairSettings(ReadRepairMode.Async), reads ?? FullReads, TestData.CoordinatorId, maxClockEntries, maxBatch)
        {
            Counters = KeyCounters,
            Hints = hints,
        };

    /// <summary>A key actor (it learns <see cref="TestData.Key"/> from its first write), supervised, with the ring started first.</summary>
    public async Task<IActorRef> SpawnKeyActorAsync(int queueCapacity = 64, int maxBatch = 16, ReadFanoutSettings? reads = null)
    {
        if (Ring.Current.Version == 0)
        {
            await StartRingAsync();
        }

        return await SpawnAsync(KeyActor.Props(KeyServices(maxBatch, reads: reads), queueCapacity), "key");
    }

    /// <summary>A write of <see cref="TestData.Key"/> at quorum with RF 3; a client idempotency key when one is given.</summary>
    public WriteKey Write(string value, string? idempotencyKey = null, DateTime? deadline = null, Consistency consistency = Consistency.Quorum) =>
        new(
            TestData.Tenant,
            TestData.Key,
            Encoding.UTF8.GetBytes(value),
            Tombstone: false,
            consistency,
            ReplicationFactor: 3,
            idempotencyKey ?? "generated-" + value,
            ClientIdempotencyKey: idempotencyKey is not null,
            deadline ?? Deadline(TimeSpan.FromSeconds(5)));

    /// <summary>
    /// Starts an aggregator the way the key actor and the edge do, with replies going to a probe that also watches it:
    /// a reply comes before the aggregator's Terminated, so ExpectTerminated after the last reply proves no second one.
    /// </summary>
    public (IActorRef Aggregator, TestProbe Replies) StartAggregator(Props aggregator)
    {
        var replies = CreateTestProbe("replies");
        var actor = Sys.ActorOf(aggregator, "aggregator");
        replies.Watch(actor);
        actor.Tell(new StartAggregation(), replies.Ref);
        return (actor, replies);
    }

    /// <summary>Waits (polling, bounded in real time) for a condition that becomes true asynchronously.</summary>
    public Task AwaitConditionAsync(Func<bool> condition) =>
        AwaitAssertAsync(() => condition().Should().BeTrue("the condition must hold within the bound"), AskTimeout);

    /// <summary>Asserts the actor is alive: Identify is answered by the actor itself, or with no subject once it stopped.</summary>
    public static async Task AssertAliveAsync(IActorRef actor)
    {
        var identity = await actor.Ask<ActorIdentity>(new Identify(null), AskTimeout);
        identity.Subject.Should().Be(actor, "the actor must still be alive");
    }
}
