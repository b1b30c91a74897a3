using Akka.Actor;
using PairDb.Actors.Hints;
using PairDb.Actors.Ports;
using PairDb.Actors.Quorum;
using PairDb.Actors.Ring;
using PairDb.Coordinator.RateLimits;
using PairDb.Coordinator.Tenants;
using PairDb.Messages.Validation;

namespace PairDb.Coordinator.Edge;

/// <summary>
/// What the edge handlers use: the actor system (cluster state for the admin methods), the actor entry points (key
/// region, reads, migrations), stores, validation, the default replication
/// factor, the virtual nodes of a storage node added without a count (ring.virtual_nodes), the in-flight bound and when
/// an unanswered write with a client idempotency key is sent again (<see cref="HandOffRetry"/>), and this coordinator's
/// client endpoint (to tell a key owned here from one owned by another coordinator), the bounds of batch calls, and the
/// hints this coordinator holds per storage node, and the tenants' rate limits.
/// </summary>
public sealed record EdgeServices(
    ActorSystem System,
    IActorRef Keys,
    RingView Ring,
    IReplicaClient Replicas,
    KeyReads Reads,
    IMetadataStore Metadata,
    TenantCache Tenants,
    RequestValidator Validator,
    int DefaultReplicationFactor,
    IActorRef Migrations,
    int DefaultVirtualNodes,
    InFlightBound InFlight,
    TimeSpan HandOffRetryAfter,
    string Endpoint,
    BatchLimits Batch,
    HintCounters Hints,
    TenantRateLimiter RateLimits)
{
    /// <summary>Tenant tokens and audit records, for the token and audit methods.</summary>
    public required SecurityServices Security { get; init; }

    /// <summary>anti_entropy.enabled on this coordinator, for GetRepairStatus.</summary>
    public bool AntiEntropyEnabled { get; init; }
}
