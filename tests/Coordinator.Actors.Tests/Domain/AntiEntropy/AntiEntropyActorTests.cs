using System.Text;
using Akka.Actor;
using FluentAssertions;
using PairDb.Actors.AntiEntropy;
using PairDb.Actors.Cores;
using PairDb.Actors.Ports;
using PairDb.Actors.Ring;
using PairDb.Actors.Tests.Domain.Migration;
using PairDb.Actors.Tests.Domain.Support;
using PairDb.Messages.Values;

namespace PairDb.Actors.Tests.Domain.AntiEntropy;

/// <summary>
/// The anti-entropy scheduler on manual time over in-memory storage nodes: a pass brings replicas that missed writes,
/// hold older versions or miss siblings to the merge without any read, collects tombstones only after the replicas
/// agreed and only past the grace, skips ranges with a replica down (collecting nothing there), and resumes a pass
/// recorded in the metadata store.
/// </summary>
public sealed class AntiEntropyActorTests : DomainSpec
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Grace = TimeSpan.FromMinutes(1);
    private readonly InMemoryStorage _storage = new();
    private readonly AntiEntropyCounters _counters = new();
    private RingSnapshot _ring = new(TestData.ThreeNodes, new HashSet<string>(), 1);

    [Fact]
    public async Task Pass_ReplicasMissedWrites_EveryKeyRepairedWithoutReads()
    {
        // Arrange: 30 keys on all three; 10 newer on n1 only; 5 never reached n3.
        await CreateTenantAsync();
        for (var i = 0; i < 30; i++)
        {
            PutOn(Key(i), Version("v1", 10, 1), "n1", "n2", "n3");
        }

        for (var i = 0; i < 10; i++)
        {
            PutOn(Key(i), Version("v2", 20, 2), "n1");
        }

        for (var i = 30; i < 35; i++)
        {
            PutOn(Key(i), Version("v1", 10, 1), "n1", "n2");
        }

        // Act
        Start();
        await Scheduler.AdvanceUntilAsync(Step, () => _counters.FullPasses == 1, maxSteps: 300);

        // Assert
        for (var i = 0; i < 35; i++)
        {
            var expected = _storage.Versions("n1", TestData.Tenant, Key(i));
            _storage.Versions("n2", TestData.Tenant, Key(i)).Should().Equal(expected);
            _storage.Versions("n3", TestData.Tenant, Key(i)).Should().Equal(expected);
        }

        _counters.KeysRepaired.Should().Be(15);
        var pass = await Metadata.GetRepairPassAsync(CancellationToken.None);
        pass!.IsComplete.Should().BeTrue();
        (await Metadata.ListRepairRangesAsync(CancellationToken.None)).Should().HaveCount(Plan().Count).And.OnlyContain(r => r.SyncedAt != null && r.LastError == null);
    }

    [Fact]
    public async Task Pass_TombstoneOlderThanGrace_SpreadThenCollectedEverywhere_NewerOneKept()
    {
        // Arrange: "gone" deleted long ago, but n3 missed the delete and holds the value; "fresh" deleted just now.
        await CreateTenantAsync();
        PutOn("gone", Version("v1", 1, 1), "n3");
        PutOn("gone", Tombstone(2, 2), "n1", "n2");
        var now = Scheduler.Now.ToUnixTimeMilliseconds() * 1000;
        PutOn("fresh", Tombstone(now, 1), "n1", "n2", "n3");

        // Act
        Start();
        await Scheduler.AdvanceUntilAsync(Step, () => _counters.FullPasses == 1, maxSteps: 300);

        // Assert: the value on n3 did not survive, and no replica keeps the old tombstone.
        foreach (var node in new[] { "n1", "n2", "n3" })
        {
            _storage.Versions(node, TestData.Tenant, "gone").Should().BeEmpty();
            _storage.Versions(node, TestData.Tenant, "fresh").Should().ContainSingle().Which.Tombstone.Should().BeTrue();
        }

        _counters.TombstonesCollected.Should().Be(3);
    }

    [Fact]
    public async Task Pass_ReplicaDown_RangesSkippedAndNothingCollected()
    {
        // Arrange
        await CreateTenantAsync();
        PutOn("gone", Tombstone(2, 2), "n1", "n2");
        PutOn("gone", Version("v1", 1, 1), "n3");
        _ring = new RingSnapshot(TestData.ThreeNodes, new HashSet<string> { "n3" }, 1);

        // Act
        Start();
        await Scheduler.AdvanceUntilAsync(Step, () => _counters.RangesSkipped == Plan().Count, maxSteps: 300);

        // Assert
        _storage.Versions("n1", TestData.Tenant, "gone").Should().ContainSingle().Which.Tombstone.Should().BeTrue();
        _storage.Versions("n3", TestData.Tenant, "gone").Should().ContainSingle().Which.Tombstone.Should().BeFalse();
        _counters.TombstonesCollected.Should().Be(0);
        _counters.FullPasses.Should().Be(0);
        (await Metadata.ListRepairRangesAsync(CancellationToken.None)).Should().OnlyContain(r => r.SyncedAt == null && r.LastError!.Contains("n3 is down"));
    }

    [Fact]
    public async Task Pass_ReplicaGoesDownWhileARangeIsCompared_RangeFailsAndNothingCollected()
    {
        // Arrange: an old tombstone on every replica; each step starts with all three up, and n3 is down by the time
        // the range's comparison is over (every other reading of the ring).
        await CreateTenantAsync();
        PutOn("gone", Tombstone(2, 2), "n1", "n2", "n3");
        var changed = new RingSnapshot(TestData.ThreeNodes, new HashSet<string> { "n3" }, 2);
        var readings = 0;

        // Act
        Start(ring: () => Interlocked.Increment(ref readings) % 2 == 1 ? _ring : changed);
        await Scheduler.AdvanceUntilAsync(Step, () => _counters.RangesFailed == Plan().Count, maxSteps: 300);

        // Assert: compared, but the ring is not the one the sync began with, so no replica collected anything.
        foreach (var node in new[] { "n1", "n2", "n3" })
        {
            _storage.Versions(node, TestData.Tenant, "gone").Should().ContainSingle().Which.Tombstone.Should().BeTrue();
        }

        _counters.TombstonesCollected.Should().Be(0);
        (await Metadata.ListRepairRangesAsync(CancellationToken.None))
            .Should().OnlyContain(r => r.SyncedAt == null && r.LastError!.Contains("storage node n3 went down while the range was compared"));
    }

    [Fact]
    public async Task Start_PassRecordedInTheStore_ResumesWithTheRangesNotYetSynced()
    {
        // Arrange: half the ranges synced in the current pass by a scheduler that has since moved.
        await CreateTenantAsync();
        var plan = Plan();
        var started = Scheduler.Now.AddMinutes(-1);
        await Metadata.SaveRepairPassAsync(new RepairPassRecord(7, started, null, null), CancellationToken.None);
        var done = plan.Take(plan.Count / 2).ToList();
        foreach (var item in done)
        {
            await Metadata.SaveRepairRangeAsync(new RepairRangeRecord(item.Key, item.Replicas, started, started, 0, 0, 0, null), CancellationToken.None);
        }

        // Act
        Start();
        await Scheduler.AdvanceUntilAsync(Step, () => _counters.FullPasses == 1, maxSteps: 300);

        // Assert
        _counters.RangesSynced.Should().Be(plan.Count - done.Count);
        var pass = await Metadata.GetRepairPassAsync(CancellationToken.None);
        pass!.Number.Should().Be(7);
        pass.LastFullStartedAt.Should().Be(started);
    }

    [Fact]
    public async Task Pass_ReplicaRebuilding_RefilledThenReportedToTheRingActor()
    {
        // Arrange: n3 lost its data after a full pass; it is marked rebuilding since then.
        await CreateTenantAsync();
        for (var i = 0; i < 20; i++)
        {
            PutOn(Key(i), Version("v1", 10, 1), "n1", "n2");
        }

        var since = Scheduler.Now.AddSeconds(-1);
        var finished = Scheduler.Now.AddSeconds(-2);
        await Metadata.SaveRepairPassAsync(new RepairPassRecord(3, finished, finished, finished), CancellationToken.None);
        foreach (var item in Plan())
        {
            await Metadata.SaveRepairRangeAsync(new RepairRangeRecord(item.Key, item.Replicas, finished, finished, 0, 0, 0, null), CancellationToken.None);
        }

        _ring = new RingSnapshot(TestData.ThreeNodes, new HashSet<string>(), 1, rebuilding: new Dictionary<string, DateTimeOffset> { ["n3"] = since });
        var ringActor = CreateTestProbe();

        // Act: the pass is complete and the next one an hour away, but n3's ranges are due at once.
        Start(ringActor.Ref);
        await Scheduler.AdvanceUntilAsync(Step, () => ringActor.HasMessages, maxSteps: 300);

        // Assert
        var refilled = ringActor.ExpectMsg<NodeRefilled>();
        refilled.Should().Be(new NodeRefilled("n3", since));
        ringActor.Reply(_ring);
        for (var i = 0; i < 20; i++)
        {
            _storage.Versions("n3", TestData.Tenant, Key(i)).Should().Equal(_storage.Versions("n1", TestData.Tenant, Key(i)));
        }

        _counters.RangesSynced.Should().Be(Plan().Count, "every range has n3 as a replica at RF 3");
    }

    private IReadOnlyList<RepairWorkItem> Plan() =>
        RepairWorkPlanner.Plan(_ring.Ring, Metadata.ListTenantsAsync(CancellationToken.None).Result);

    private Task CreateTenantAsync() => Metadata.CreateTenantAsync(TestData.Tenant, 3, DateTimeOffset.UnixEpoch, CancellationToken.None);

    private void Start(IActorRef? ringActor = null, Func<RingSnapshot>? ring = null)
    {
        var services = new AntiEntropyServices(
            Metadata, _storage, _storage, ring ?? (() => _ring), ringActor ?? CreateTestProbe().Ref, new SchedulerTimeProvider(Scheduler), _counters);
        var settings = new AntiEntropySettings(
            TimeSpan.FromHours(1), KeysPerSecond: 1000, Leaves: 4, ScanThreshold: 2, MaxDepth: 3, TenantsPerCall: 10, Grace,
            TimeSpan.FromSeconds(5), ParallelRepairs: 2, RecheckInterval: TimeSpan.FromSeconds(10));
        Sys.ActorOf(AntiEntropyActor.Props(services, settings), "anti-entropy");
    }

    private void PutOn(string key, VersionedValue version, params string[] nodes)
    {
        foreach (var node in nodes)
        {
            _storage.Put(node, TestData.Tenant, key, version);
        }
    }

    private static string Key(int i) => "k" + i;

    private static VersionedValue Version(string value, long timestamp, long counter) => TestData.Version(value, timestamp, ("c", counter));

    private static VersionedValue Tombstone(long timestamp, long counter) =>
        new(Encoding.UTF8.GetBytes(""), VectorClock.From([new ClockEntry("c", counter)]), timestamp, "c", tombstone: true);
}
