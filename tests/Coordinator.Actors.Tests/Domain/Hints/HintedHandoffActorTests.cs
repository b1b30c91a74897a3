using Akka.Actor;
using FluentAssertions;
using PairDb.Actors.Cores;
using PairDb.Actors.Hints;
using PairDb.Actors.Ports;
using PairDb.Actors.Ring;
using PairDb.Actors.Tests.Domain.Support;

namespace PairDb.Actors.Tests.Domain.Hints;

/// <summary>
/// The hint actor on manual time: hints are kept while their node is down, replayed through Repair at the throttled
/// rate once it is up, deleted when acknowledged, expired past the window, and bounded by the size cap.
/// </summary>
public sealed class HintedHandoffActorTests : DomainSpec
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    private readonly InMemoryHintStore _store = new();
    private readonly HintCounters _counters = new();
    private RingSnapshot _ring = Snapshot(down: []);

    [Fact]
    public async Task StoreHint_NodeDown_KeptAndNotReplayedUntilItIsUp()
    {
        // Arrange
        _ring = Snapshot(down: ["n2"]);
        var hints = await StartAsync();

        // Act
        hints.Tell(Hint("k1", "v1"));
        hints.Tell(Hint("k2", "v2"));
        await AwaitConditionAsync(() => _counters.Stored == 2);
        Scheduler.Advance(Tick);
        await AssertAliveAsync(hints);

        // Assert
        _store.All.Select(static h => h.Hint.Key).Should().Equal("k1", "k2");
        _counters.PendingFor("n2").Should().Be(2);
        Replicas.CountOf(ReplicaCallKind.Repair).Should().Be(0, "a node held down gets no replay");
    }

    [Fact]
    public async Task Tick_NodeUpAgain_ReplaysThroughRepairAtTheRateThenDeletes()
    {
        // Arrange: three hints, two a second.
        _ring = Snapshot(down: ["n2"]);
        var hints = await StartAsync(replayRate: 2);
        var versions = new[] { Hint("k1", "v1"), Hint("k2", "v2"), Hint("k3", "v3") };
        foreach (var hint in versions)
        {
            hints.Tell(hint);
        }

        await AwaitConditionAsync(() => _counters.Stored == 3);

        // Act: the node is back; one tick replays two, the next the third.
        _ring = Snapshot(down: []);
        Scheduler.Advance(Tick);
        await AwaitConditionAsync(() => _counters.Replayed == 2 && _store.All.Count == 1);
        var afterFirstTick = Replicas.CountOf(ReplicaCallKind.Repair);
        Scheduler.Advance(Tick);
        await AwaitConditionAsync(() => _counters.Replayed == 3 && _store.All.Count == 0);

        // Assert: each key's version reached n2 through Repair, and nothing is pending.
        afterFirstTick.Should().Be(2);
        Replicas.Calls(ReplicaCallKind.Repair).Select(static c => c.NodeId).Should().Equal("n2", "n2", "n2");
        foreach (var hint in versions)
        {
            Replicas.Stored(TestData.N2, TestData.Tenant, hint.Key).Should().Equal(hint.Version);
        }

        _counters.Pending.Should().BeEmpty();
    }

    [Fact]
    public async Task Tick_RepairFails_HintKeptAndReplayedOnALaterTick()
    {
        // Arrange
        var hints = await StartAsync();
        hints.Tell(Hint("k1", "v1"));
        await AwaitConditionAsync(() => _counters.Stored == 1);
        Replicas.FailWritesOn("n2");

        // Act
        Scheduler.Advance(Tick);
        await AwaitConditionAsync(() => Replicas.CountOf(ReplicaCallKind.Repair) == 1);
        await AssertAliveAsync(hints);
        var keptAfterFailure = _store.All.Count;
        Replicas.HealWrites("n2");
        Scheduler.Advance(Tick);
        await AwaitConditionAsync(() => _counters.Replayed == 1);

        // Assert
        keptAfterFailure.Should().Be(1);
        _store.All.Should().BeEmpty();
        Replicas.CountOf(ReplicaCallKind.Repair).Should().Be(2);
    }

    [Fact]
    public async Task Tick_HintOlderThanTheWindow_ExpiresAndADownNodePastTheWindowGetsNoNewHints()
    {
        // Arrange: a hint for n2 while it is up, then n2 goes down.
        var hints = await StartAsync();
        hints.Tell(Hint("k1", "v1"));
        await AwaitConditionAsync(() => _counters.Stored == 1);
        _ring = Snapshot(down: ["n2"]);
        Scheduler.Advance(Tick);
        await AssertAliveAsync(hints);

        // Act: more than a window later.
        Scheduler.Advance(Window + Tick);
        await AwaitConditionAsync(() => _counters.Expired == 1);
        hints.Tell(Hint("k2", "v2"));
        await AwaitConditionAsync(() => _counters.Dropped == 1);

        // Assert
        _store.All.Should().BeEmpty();
        _counters.Stored.Should().Be(1);
        _counters.PendingFor("n2").Should().Be(0);
    }

    [Fact]
    public async Task StoreHint_PastTheSizeCap_DroppedAndCounted()
    {
        // Arrange: room for exactly two hints of this size.
        var first = Hint("k1", "v1");
        var size = HintLedger.SizeOf(first.TenantId, first.Key, first.Version);
        var hints = await StartAsync(maxBytes: 2 * size);

        // Act
        hints.Tell(first);
        hints.Tell(Hint("k2", "v2"));
        hints.Tell(Hint("k3", "v3"));
        await AwaitConditionAsync(() => _counters.Stored == 2 && _counters.Dropped == 1);

        // Assert
        _store.All.Select(static h => h.Hint.Key).Should().Equal("k1", "k2");
    }

    [Fact]
    public async Task Tick_NodeLeftTheRing_ItsHintsDroppedAndCounted()
    {
        // Arrange
        _ring = Snapshot(down: ["n2"]);
        var hints = await StartAsync();
        hints.Tell(Hint("k1", "v1"));
        await AwaitConditionAsync(() => _counters.Stored == 1);

        // Act
        _ring = new RingSnapshot([TestData.N1, TestData.N3], new HashSet<string>(), 2);
        Scheduler.Advance(Tick);
        await AwaitConditionAsync(() => _counters.Dropped == 1);

        // Assert
        _store.All.Should().BeEmpty();
        _counters.Pending.Should().BeEmpty();
    }

    [Fact]
    public async Task Start_StoreHoldsHintsFromBefore_CountsThemAndReplaysThem()
    {
        // Arrange: hints a previous run of this coordinator left.
        var earlier = new Hint("n2", TestData.Tenant, "k1", TestData.Version("v1", 1, ("coord-a", 1)), ActorsNow, 100);
        await _store.AppendAsync([earlier, earlier with { Key = "k2" }], CancellationToken.None);

        // Act
        await StartAsync();
        await AwaitConditionAsync(() => _counters.PendingFor("n2") == 2);

        // Assert: ticks until both are replayed (the first tick may come before the loaded hints are taken up).
        await Scheduler.AdvanceUntilAsync(Tick, () => _counters.Replayed == 2);
        _store.All.Should().BeEmpty();
    }

    [Fact]
    public async Task StoreHint_StoreFails_DroppedAndCounted()
    {
        // Arrange
        var hints = await StartAsync();
        _store.Failing = true;

        // Act
        hints.Tell(Hint("k1", "v1"));

        // Assert
        await AwaitConditionAsync(() => _counters.Dropped == 1);
        _counters.Stored.Should().Be(0);
        _counters.Pending.Should().BeEmpty();
    }

    [Fact]
    public async Task Stop_HintBufferedBehindARunningAppend_WrittenBeforeTheActorIsGone()
    {
        // Arrange: the first hint's append is held (a slow disk), so the second waits in the actor's buffer.
        var hints = await StartAsync();
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _store.HoldAppends = hold;
        hints.Tell(Hint("k1", "v1"));
        hints.Tell(Hint("k2", "v2"));
        await AssertAliveAsync(hints);

        // Act: the coordinator stops while the append runs.
        Watch(hints);
        Sys.Stop(hints);
        hold.SetResult();
        ExpectTerminated(hints);

        // Assert: the buffered hint was written at stop, not lost with the actor.
        await AwaitConditionAsync(() => _store.All.Count == 2);
        _store.All.Select(static h => h.Hint.Key).Should().BeEquivalentTo(["k1", "k2"]);
    }

    private static RingSnapshot Snapshot(string[] down) => new(TestData.ThreeNodes, new HashSet<string>(down), 1);

    private static StoreHint Hint(string key, string value) => new("n2", TestData.Tenant, key, TestData.Version(value, 10, ("coord-a", 1)));

    private async Task<IActorRef> StartAsync(int replayRate = 100, long maxBytes = 1_000_000)
    {
        var settings = new HintSettings(Window, maxBytes, replayRate, Tick, TimeSpan.FromSeconds(1));
        var actor = await SpawnAsync(HintedHandoffActor.Props(_store, Replicas, () => _ring, settings, _counters), "hints");
        await AssertAliveAsync(actor);
        return actor;
    }
}
