using Akka.Actor;
using PairDb.Actors.Ports;
using PairDb.Actors.Ring;

namespace PairDb.Actors.AntiEntropy;

/// <summary>
/// What anti-entropy uses: the metadata store (tenants, and its own progress), storage calls, the current ring, the
/// ring actor (told when a rebuilding node is refilled), the clock and its counters.
/// </summary>
public sealed record AntiEntropyServices(
    IMetadataStore Metadata,
    IReplicaClient Replicas,
    IRangeClient Ranges,
    Func<RingSnapshot> Ring,
    IActorRef RingActor,
    TimeProvider Time,
    AntiEntropyCounters Counters);
