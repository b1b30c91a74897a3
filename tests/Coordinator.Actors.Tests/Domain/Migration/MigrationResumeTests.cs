using FluentAssertions;
using PairDb.Actors.Migration;
using PairDb.Actors.Tests.Domain.Support;
using PairDb.Messages.Protocols;
using PairDb.Messages.Values;

namespace PairDb.Actors.Tests.Domain.Migration;

/// <summary>
/// A migration outlives the coordinator running it: a coordinator is "killed" by disposing its actor system while
/// a scan of the migration is held at a gate, and another actor system over the same storage, metadata and journal
/// (the singleton moved) recovers the runner's events and carries on.
/// </summary>
public sealed class MigrationResumeTests
{
    private const string Tenant = MigrationWorld.Tenant;
    private static readonly string[] WithN4 = ["n1", "n2", "n3", "n4"];
    private static readonly StorageNode N4 = TestData.Node("n4", 4);

    /// <summary>One transfer at a time, so a held scan leaves a known number of tasks persisted.</summary>
    private static readonly MigrationSettings OneAtATime = new(
        TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromHours(1), TimeSpan.FromSeconds(5), ParallelTransfers: 1, MaxAttempts: 2);

    private readonly MigrationWorld _world = new(nodes: 3);

    [Fact]
    public async Task Recovery_OtherCoordinatorMidStream_ResumesAtOnceAndDoesNotCopyPersistedTasksAgain()
    {
        // Arrange: every transfer has two sources; the fifth scan is held, so exactly two transfers are persisted
        // and the third has copied from one source when coordinator A dies.
        await _world.SeedAsync(factor: 2);
        var scans = new Gate(passes: 5);
        _world.Storage.ScanGate = scans;
        var id = await StartAndKillAsync("coord-a", scans);
        var copiedBefore = _world.Storage.Copies("n4", Tenant);
        scans.Open();

        // Act: the clock does not move: B resumes as soon as it recovered, nothing waits anything out.
        await using var b = await _world.StartCoordinatorAsync("coord-b", OneAtATime, manualTime: true);
        var checkpointed = CompletedTasks(await JournalEvents.ReadAsync(b.System, MigrationWorld.JournalPluginId, _world.PersistenceId), id);
        var record = await _world.WaitFinishedAsync(id);

        // Assert
        record.Status.Should().Be(MigrationStatus.Completed, record.Error);
        record.Owner.Should().Be("coord-b", "the runner writes which coordinator runs the migration");
        checkpointed.Should().HaveCount(2);
        checkpointed.Values.Sum().Should().BeGreaterThan(0, "the persisted tasks moved keys, or skipping them would prove nothing");
        var copiedAfter = _world.Storage.Copies("n4", Tenant);
        foreach (var transfer in (await _world.PlanAsync(record)).Transfers)
        {
            var keys = _world.KeysIn(transfer.Start, transfer.End);
            if (checkpointed.ContainsKey(transfer.Id))
            {
                keys.Select(k => copiedAfter.GetValueOrDefault(k)).Should().Equal(
                    keys.Select(k => copiedBefore.GetValueOrDefault(k)), "task {0} was persisted before the coordinator died", transfer.Id);
            }
            else
            {
                keys.Where(k => copiedAfter.GetValueOrDefault(k) <= copiedBefore.GetValueOrDefault(k)).Should().BeEmpty("task {0} was not persisted", transfer.Id);
            }
        }

        record.TotalKeys.Should().Be(_world.Storage.Keys("n4", Tenant).Count);
        record.KeysMigrated.Should().Be(record.TotalKeys);
        b.Ring.Current.Find("n4")!.Status.Should().Be(StorageNodeStatus.Active);
        _world.AssertPlacement(WithN4, factor: 2);
    }

    [Fact]
    public async Task Recovery_ActiveInTheStoreButNotInTheJournal_BeginsItRunsItOnceAndEmptiesTheJournal()
    {
        // Arrange: the join was recorded in the store, but its runner stopped before persisting its beginning.
        await _world.SeedAsync(factor: 2);
        var now = DateTimeOffset.UtcNow;
        var stored = new MigrationRecord(
            "mig-stored", MigrationType.AddNode, "n4", string.Empty, 0, 0, MigrationStatus.InProgress, MigrationPhase.Settling, 0, 0, now, now, null, null, null, "coord-a");
        await _world.Metadata.TryCreateMigrationAsync(stored, CancellationToken.None);
        await _world.Metadata.AddStorageNodeAsync(N4 with { Status = StorageNodeStatus.Joining }, CancellationToken.None);

        // Act
        await using var b = await _world.StartCoordinatorAsync("coord-b", OneAtATime);
        var record = await _world.WaitFinishedAsync(stored.Id);

        // Assert
        record.Status.Should().Be(MigrationStatus.Completed, record.Error);
        _world.Storage.Copies("n4", Tenant).Values.Should().OnlyContain(c => c == 2, "one run copies each gained key once from each of its two sources");
        _world.AssertPlacement(WithN4, factor: 2);
        await Bounded.UntilAsync(async () => (await JournalEvents.ReadAsync(b.System, MigrationWorld.JournalPluginId, _world.PersistenceId)).Count == 0);
    }

    private static Dictionary<string, long> CompletedTasks(IReadOnlyList<MigrationEvent> events, string migrationId)
    {
        events.Should().NotBeEmpty().And.Subject.First().Should().Be(new MigrationBegun(migrationId));
        return events.OfType<MigrationTaskCompleted>().ToDictionary(e => e.TaskId, e => e.Keys, StringComparer.Ordinal);
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
