using Akka.Actor;
using PairDb.Actors.Ports;
using PairDb.Actors.Ring;

namespace PairDb.Actors.Migration;

/// <summary>
/// What migrations use: the metadata store (membership, tenants, migration records), storage calls, the ring actor
/// (asked to reload after every membership step), the count of failed writes to future replicas, and this
/// coordinator's id (written into the record of the migration it runs, for operators).
/// </summary>
public sealed record MigrationServices(
    IMetadataStore Metadata,
    IReplicaClient Replicas,
    IRangeClient Ranges,
    IActorRef RingActor,
    PendingReplicaWrites PendingWrites,
    string Owner,
    TimeProvider Time)
{
    /// <summary>Reloads membership into the ring actor and returns the published snapshot.</summary>
    public Task<RingSnapshot> RefreshRingAsync() => RingActor.Ask<RingSnapshot>(new RefreshMembership(), TimeSpan.FromSeconds(30));
}
