using Akka.Actor;
using Akka.TestKit;
using PairDb.Actors.Migration;
using PairDb.Actors.Ring;
using PairDb.Actors.Tests.Domain.Support;
using PairDb.Messages.Protocols;

namespace PairDb.Actors.Tests.Domain.Migration;

/// <summary>
/// One coordinator of a migration spec: its own actor system, ring actor and migration actor over the shared
/// storage, metadata and journal (<see cref="MigrationWorld.JournalConfig"/>: an in-memory journal shared by every
/// system of the process, the world's own persistence id). Disposing it terminates the system, which is how a spec
/// simulates the coordinator's death and the singleton moving to another one. On manual time the system runs on a
/// TestScheduler and the migration's TimeProvider reads that scheduler, so a run's delays move only when a spec
/// advances <see cref="Scheduler"/>.
/// </summary>
public sealed class MigrationCoordinator : IAsyncDisposable
{
    private MigrationCoordinator(ActorSystem system, IActorRef migrations, RingView ring)
    {
        System = system;
        Migrations = migrations;
        Ring = ring;
    }

    public ActorSystem System { get; }

    public IActorRef Migrations { get; }

    /// <summary>What this coordinator's ring actor published last.</summary>
    public RingView Ring { get; }

    /// <summary>This coordinator's manual clock (only when started on manual time); it starts at the wall clock.</summary>
    public TestScheduler Scheduler => (TestScheduler)System.Scheduler;

    /// <summary>Starts the ring actor (and waits for its first snapshot), then the migration actor of coordinator <paramref name="owner"/>.</summary>
    public static async Task<MigrationCoordinator> StartAsync(
        InMemoryStorage storage, FakeMetadataStore metadata, string persistenceId, string owner, MigrationSettings settings, bool manualTime)
    {
        var system = ActorSystem.Create("migration-" + owner, MigrationWorld.JournalConfig.WithFallback(manualTime ? DomainSpec.ManualTimeConfig : DomainSpec.Common));
        TimeProvider time = manualTime ? new SchedulerTimeProvider((TestScheduler)system.Scheduler) : TimeProvider.System;
        var view = new RingView();
        var ring = system.ActorOf(RingActor.Props(metadata, storage, view, DomainSpec.QuietRing), "ring");
        await ring.Ask<RingSnapshot>(new RefreshMembership(), DomainSpec.AskTimeout);
        var services = new MigrationServices(metadata, storage, storage, ring, new PendingReplicaWrites(), owner, time);
        return new MigrationCoordinator(system, system.ActorOf(MigrationActor.Props(services, settings, persistenceId, MigrationWorld.JournalPluginId), "migrations"), view);
    }

    /// <summary>Asks for a change; the reply is <see cref="MigrationAccepted"/> or <see cref="MigrationRefused"/>.</summary>
    public Task<object> RequestAsync(MigrationRequest request) =>
        Migrations.Ask<object>(new StartMigration(request), DomainSpec.AskTimeout);

    public async ValueTask DisposeAsync() => await System.Terminate().WithinBound();
}
