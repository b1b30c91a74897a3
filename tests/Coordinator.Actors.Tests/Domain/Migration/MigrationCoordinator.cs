using PairDb.Actors.Kernel;
using PairDb.Actors.Migration;
using PairDb.Actors.Ring;
using PairDb.Actors.Tests.Domain.Support;
using PairDb.Actors.Tests.Kernel.Support;

namespace PairDb.Actors.Tests.Domain.Migration;

/// <summary>
/// One coordinator of a migration spec: its own actor system, ring actor and migration actor over the shared
/// storage and metadata. Disposing it stops every actor, which is how a spec simulates the coordinator's death.
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

    /// <summary>Starts the ring actor (and waits for its first snapshot), then the migration actor owning leases as <paramref name="owner"/>.</summary>
    public static async Task<MigrationCoordinator> StartAsync(
        InMemoryStorage storage, FakeMetadataStore metadata, string owner, MigrationSettings settings, TimeProvider time)
    {
        var system = new ActorSystem("migration-" + owner, time);
        var view = new RingView();
        var ring = system.ActorOf(RingActor.Props(metadata, storage, view, DomainEnvironment.QuietRing), "ring");
        await ring.Ask<RingSnapshot>(new RefreshMembership(), DomainEnvironment.AskTimeout).WithinBound();
        var services = new MigrationServices(metadata, storage, storage, ring, new PendingReplicaWrites(), owner, time);
        return new MigrationCoordinator(system, system.ActorOf(MigrationActor.Props(services, settings), "migrations"), view);
    }

    /// <summary>Asks for a change; the reply is <see cref="MigrationAccepted"/> or <see cref="MigrationRefused"/>.</summary>
    public Task<object> RequestAsync(MigrationRequest request) =>
        Migrations.Ask<object>(new StartMigration(request), DomainEnvironment.AskTimeout).WithinBound();

    public async ValueTask DisposeAsync() => await System.DisposeAsync().AsTask().WithinBound();
}
