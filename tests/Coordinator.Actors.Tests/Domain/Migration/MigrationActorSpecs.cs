using Akka.Actor;
using Akka.Persistence;
using FluentAssertions;
using PairDb.Actors.Migration;
using PairDb.Actors.Ring;
using PairDb.Actors.Tests.Domain.Support;
using PairDb.Messages.Protocols;
using PairDb.Messages.Values;

namespace PairDb.Actors.Tests.Domain.Migration;

/// <summary>
/// The migration runner as a persistent actor, on Akka.Persistence's in-memory journal of this spec's system: it
/// recovers its events before it acts, and refuses a second start while one migration runs.
/// </summary>
public sealed class MigrationActorSpecs : Akka.TestKit.Xunit2.TestKit
{
    private const string Tenant = MigrationWorld.Tenant;
    private const string PersistenceId = "migration-runner";
    private static readonly string[] WithN4 = ["n1", "n2", "n3", "n4"];
    private static readonly StorageNode N4 = TestData.Node("n4", 4);
    private static readonly MigrationSettings Immediate = new(TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(5), MaxAttempts: 2);

    /// <summary>Akka.Persistence's in-memory journal, of this spec's system only.</summary>
    private const string InMemoryJournal = "akka.persistence.journal.inmem";

    private readonly MigrationWorld _world = new(nodes: 3);

    public MigrationActorSpecs()
        : base(DomainSpec.Common)
    {
    }

    [Fact]
    public async Task Recovery_TasksCompletedInTheJournal_ResumesAndCopiesOnlyTheOthers()
    {
        // Arrange: n4 joins; the journal says the first two transfers finished, and their keys are on n4 already.
        await _world.SeedAsync(factor: 2);
        var now = DateTimeOffset.UtcNow;
        var stored = new MigrationRecord(
            "mig-1", MigrationType.AddNode, "n4", string.Empty, 0, 0, MigrationStatus.InProgress, MigrationPhase.Streaming, 0, 0, now, now, null, null, null, "coord-a");
        await _world.Metadata.TryCreateMigrationAsync(stored, CancellationToken.None);
        await _world.Metadata.AddStorageNodeAsync(N4 with { Status = StorageNodeStatus.Joining }, CancellationToken.None);
        var done = (await _world.PlanAsync(stored)).Transfers.Where(t => t.Target == "n4" && _world.KeysIn(t.Start, t.End).Count > 0).Take(2).ToList();
        var doneKeys = done.SelectMany(t => _world.KeysIn(t.Start, t.End)).ToHashSet(StringComparer.Ordinal);
        foreach (var key in doneKeys)
        {
            _world.Storage.Put("n4", Tenant, key, TestData.Version(key, 1, ("c", 1)));
        }

        await PersistAsync([new MigrationBegun(stored.Id), .. done.Select(t => new MigrationTaskCompleted(stored.Id, t.Id, _world.KeysIn(t.Start, t.End).Count))]);

        // Act
        await StartRunnerAsync("coord-b");
        var record = await _world.WaitFinishedAsync(stored.Id);

        // Assert
        record.Status.Should().Be(MigrationStatus.Completed, record.Error);
        var copies = _world.Storage.Copies("n4", Tenant);
        doneKeys.Should().NotBeEmpty().And.OnlyContain(k => !copies.ContainsKey(k), "a task persisted as completed is not copied again");
        copies.Keys.Should().NotBeEmpty().And.OnlyContain(k => !doneKeys.Contains(k));
        record.KeysMigrated.Should().Be(record.TotalKeys).And.Be(_world.Storage.Keys("n4", Tenant).Count);
        _world.AssertPlacement(WithN4, factor: 2);
    }

    [Fact]
    public async Task StartMigration_WhileAnotherRuns_IsRefusedNamingIt()
    {
        await _world.SeedAsync(factor: 2);
        var runner = await StartRunnerAsync("coord-a", Immediate with { SettleDelay = TimeSpan.FromMinutes(10) });

        runner.Tell(new StartMigration(new AddNodeRequest(N4)), TestActor);
        var first = await ExpectMsgAsync<MigrationAccepted>();
        runner.Tell(new StartMigration(new ChangeFactorRequest(Tenant, 3)), TestActor);
        var second = await ExpectMsgAsync<MigrationRefused>();

        second.Reason.Should().Be(MigrationRefusal.FailedPrecondition);
        second.Message.Should().Contain(first.Migration!.Id);
    }

    private async Task<IActorRef> StartRunnerAsync(string owner, MigrationSettings? settings = null)
    {
        var ring = Sys.ActorOf(RingActor.Props(_world.Metadata, _world.Storage, new RingView(), DomainSpec.QuietRing), "ring");
        await ring.Ask<RingSnapshot>(new RefreshMembership(), DomainSpec.AskTimeout);
        var services = new MigrationServices(_world.Metadata, _world.Storage, _world.Storage, ring, new PendingReplicaWrites(), owner, TimeProvider.System);
        return Sys.ActorOf(MigrationActor.Props(services, settings ?? Immediate, PersistenceId, InMemoryJournal), "migrations");
    }

    /// <summary>Writes <paramref name="events"/> under the runner's persistence id, as an earlier runner would have.</summary>
    private async Task PersistAsync(IReadOnlyList<MigrationEvent> events)
    {
        var writer = Sys.ActorOf(Props.Create(() => new EventWriter(PersistenceId)));
        writer.Tell(events, TestActor);
        await ExpectMsgAsync<EventsWritten>();
        Watch(writer);
        writer.Tell(PoisonPill.Instance);
        await ExpectTerminatedAsync(writer);
    }

    private sealed record EventsWritten;

    private sealed class EventWriter : ReceivePersistentActor
    {
        public EventWriter(string persistenceId)
        {
            PersistenceId = persistenceId;
            JournalPluginId = InMemoryJournal;
            SnapshotPluginId = "akka.persistence.no-snapshot-store";
            Recover<MigrationEvent>(_ => { });
            Command<IReadOnlyList<MigrationEvent>>(events =>
            {
                var replyTo = Sender;
                PersistAll(events, _ => { });
                DeferAsync(new EventsWritten(), written => replyTo.Tell(written));
            });
        }

        public override string PersistenceId { get; }
    }
}
