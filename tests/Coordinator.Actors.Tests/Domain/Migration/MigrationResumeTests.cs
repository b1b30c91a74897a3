using FluentAssertions;
using PairDb.Actors.Migration;
using PairDb.Actors.Tests.Domain.Support;
using PairDb.Messages.Values;

namespace PairDb.Actors.Tests.Domain.Migration;

/// <summary>
/// A migration outlives the coordinator running it: a coordinator is "killed" by disposing its actor system while
/// a scan of the migration is held at a gate, and another actor system over the same storage and metadata carries
/// on. Each coordinator's clock is its own system's TestScheduler (which starts at the wall clock, so a later
/// coordinator's clock starts later), so a lease expires only when a spec advances a clock past it.
/// </summary>
public sealed class MigrationResumeTests
{
    private const string Tenant = MigrationWorld.Tenant;
    private static readonly string[] WithN4 = ["n1", "n2", "n3", "n4"];
    private static readonly StorageNode N4 = TestData.Node("n4", 4);

    /// <summary>One transfer at a time, so a held scan leaves a known number of tasks checkpointed.</summary>
    private static readonly MigrationSettings OneAtATime = new(
        TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromHours(1), TimeSpan.FromSeconds(5), ParallelTransfers: 1, MaxAttempts: 2)
    {
        LeaseDuration = TimeSpan.FromSeconds(30),
    };

    private readonly MigrationWorld _world = new(nodes: 3);

    [Fact]
    public async Task Restart_SameOwnerMidStream_ResumesAtOnceAndDoesNotCopyCheckpointedTasksAgain()
    {
        // Arrange: every transfer has two sources; the fifth scan is held, so exactly two transfers are checkpointed
        // and the third has copied from one source when the coordinator dies.
        await _world.SeedAsync(factor: 2);
        var scans = new Gate(passes: 5);
        _world.Storage.ScanGate = scans;
        var id = await StartAndKillAsync("coord-a", scans);
        var checkpointed = await _world.Metadata.CompletedTasksAsync(id, CancellationToken.None);
        var copiedBefore = _world.Storage.Copies("n4", Tenant);
        scans.Open();

        // Act: the clock does not move, so no lease can expire: the restarted owner takes its own lease back at start.
        await using var restarted = await _world.StartCoordinatorAsync("coord-a", OneAtATime, manualTime: true);
        var record = await _world.WaitFinishedAsync(id);

        // Assert
        record.Status.Should().Be(MigrationStatus.Completed, record.Error);
        checkpointed.Should().HaveCount(2);
        checkpointed.Values.Sum().Should().BeGreaterThan(0, "the checkpointed tasks moved keys, or skipping them would prove nothing");
        var copiedAfter = _world.Storage.Copies("n4", Tenant);
        foreach (var transfer in (await _world.PlanAsync(record)).Transfers)
        {
            var keys = _world.KeysIn(transfer.Start, transfer.End);
            if (checkpointed.ContainsKey(transfer.Id))
            {
                keys.Select(k => copiedAfter.GetValueOrDefault(k)).Should().Equal(
                    keys.Select(k => copiedBefore.GetValueOrDefault(k)), "task {0} was checkpointed before the restart", transfer.Id);
            }
            else
            {
                keys.Where(k => copiedAfter.GetValueOrDefault(k) <= copiedBefore.GetValueOrDefault(k)).Should().BeEmpty("task {0} was not checkpointed", transfer.Id);
            }
        }

        record.TotalKeys.Should().Be(_world.Storage.Keys("n4", Tenant).Count);
        record.KeysMigrated.Should().Be(record.TotalKeys);
        restarted.Ring.Current.Find("n4")!.Status.Should().Be(StorageNodeStatus.Active);
        _world.AssertPlacement(WithN4, factor: 2);
    }

    [Fact]
    public async Task Takeover_OwnerDied_OtherCoordinatorWaitsOutTheLeaseThenCompletes()
    {
        // Arrange: coordinator A dies mid-stream without ever renewing the lease it took when the join was accepted.
        await _world.SeedAsync(factor: 2);
        var scans = new Gate(passes: 3);
        _world.Storage.ScanGate = scans;
        var id = await StartAndKillAsync("coord-a", scans);
        scans.Open();
        var leaseEnd = (await _world.RecordAsync(id)).LeaseUntil!.Value;

        // Act: B looks at start and at every lease tick, as the clock moves a tick at a time.
        await using var b = await _world.StartCoordinatorAsync("coord-b", OneAtATime, manualTime: true);
        await Bounded.UntilAsync(() => _world.Metadata.LeaseAttempts("coord-b").Count > 0);
        await b.Scheduler.AdvanceUntilAsync(OneAtATime.LeaseDuration / 3, () => _world.Metadata.LeaseAttempts("coord-b").Any(a => a.Granted), maxSteps: 10);
        var record = await _world.WaitFinishedAsync(id);

        // Assert
        var attempts = _world.Metadata.LeaseAttempts("coord-b");
        attempts[0].Should().Match<LeaseAttempt>(a => !a.Granted && a.Now < leaseEnd, "B asked at start, while A's lease held");
        attempts.First(a => a.Granted).Now.Should().BeAfter(leaseEnd);
        record.Status.Should().Be(MigrationStatus.Completed, record.Error);
        record.Owner.Should().Be("coord-b");
        record.FinishedAt.Should().BeAfter(leaseEnd, "B runs the migration only once it holds the lease");
        b.Ring.Current.Find("n4")!.Status.Should().Be(StorageNodeStatus.Active);
        _world.AssertPlacement(WithN4, factor: 2);
    }

    [Fact]
    public async Task LeaseTick_WhileAStartIsBeingDecided_LeavesTheNewMigrationToTheDecisionAndRunsItOnce()
    {
        // Arrange: the new migration is stored (and visible to the orphan search) but its start is not decided yet.
        await _world.SeedAsync(factor: 2);
        var creations = new Gate();
        _world.Metadata.CreationGate = creations;
        await using var coordinator = await _world.StartCoordinatorAsync("coord-a", OneAtATime, manualTime: true);
        var pending = coordinator.RequestAsync(new AddNodeRequest(N4));
        await Bounded.UntilAsync(() => creations.Held == 1);
        var id = (await _world.Metadata.ListMigrationsAsync(activeOnly: true, CancellationToken.None)).Single().Id;

        // Act: a lease tick finds it, and its own owner may lease it.
        await coordinator.Scheduler.AdvanceUntilAsync(OneAtATime.LeaseDuration / 3, () => _world.Metadata.LeaseAttempts("coord-a").Any(a => a.MigrationId == id));

        // Assert: the refusal is processed after the tick's outcome, and nothing has run the migration yet.
        (await coordinator.RequestAsync(new ChangeFactorRequest(Tenant, 3))).Should().BeOfType<MigrationRefused>();
        (await _world.RecordAsync(id)).Phase.Should().Be(MigrationPhase.Settling, "the migration runs only once its start is decided");
        creations.Open();
        var record = await _world.WaitFinishedAsync(await pending);
        record.Status.Should().Be(MigrationStatus.Completed, record.Error);
        _world.Storage.Copies("n4", Tenant).Values.Should().OnlyContain(c => c == 2, "one run copies each gained key once from each of its two sources");
        _world.AssertPlacement(WithN4, factor: 2);
    }

    /// <summary>Starts a coordinator, has it accept the join of n4, and disposes it once a scan is held; returns the migration id.</summary>
    private async Task<string> StartAndKillAsync(string owner, Gate scans)
    {
        string id;
        await using (var coordinator = await _world.StartCoordinatorAsync(owner, OneAtATime, manualTime: true))
        {
            var reply = await coordinator.RequestAsync(new AddNodeRequest(N4));
            id = reply.Should().BeOfType<MigrationAccepted>().Which.Migration!.Id;
            await Bounded.UntilAsync(() => scans.Held == 1);
        }

        // The dead coordinator's run lets go of its held scan (its token was cancelled) and writes nothing more.
        await Bounded.UntilAsync(() => scans.Abandoned == 1);
        (await _world.RecordAsync(id)).Status.Should().Be(MigrationStatus.InProgress);
        return id;
    }
}
