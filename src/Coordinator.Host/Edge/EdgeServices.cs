using PairDb.Actors.Kernel;
using PairDb.Actors.Ports;
using PairDb.Actors.Repair;
using PairDb.Actors.Ring;
using PairDb.Coordinator.Tenants;
using PairDb.Messages.Validation;

namespace PairDb.Coordinator.Edge;

/// <summary>What the edge handlers use: the actor entry points (keys, migrations), stores, validation and the default replication factor.</summary>
public sealed record EdgeServices(
    ActorSystem System,
    IActorRef Keys,
    RingView Ring,
    IReplicaClient Replicas,
    ReadRepairSettings Repair,
    IMetadataStore Metadata,
    TenantCache Tenants,
    RequestValidator Validator,
    int DefaultReplicationFactor,
    IActorRef Migrations);
