using PairDb.Actors.Cores;

namespace PairDb.Actors.Quorum;

/// <summary>The request's one deadline passed.</summary>
internal sealed record DeadlineReached;

/// <summary>The speculative-retry delay passed since the read last asked a replica.</summary>
internal sealed record SpeculationDue;

/// <summary>Synchronous read repair finished (whatever each repair's outcome).</summary>
internal sealed record SyncRepairDone;

/// <summary>A replica's read reply, delivered back to the aggregator.</summary>
internal sealed record ReadArrived(ReplicaReadReply Reply);

/// <summary>A replica's write acknowledgement (or failure), delivered back to the aggregator.</summary>
internal sealed record WriteArrived(PairDb.Actors.Ports.ReplicaWriteResult Result);

/// <summary>
/// A write outside the quorum answered (from <paramref name="NodeId"/>): to a future replica of a running migration
/// (<paramref name="ForMigration"/>), or to a replica that refused the conditional write of a write that reached W anyway.
/// </summary>
internal sealed record ExtraWriteArrived(string NodeId, bool Ok, bool ForMigration);
