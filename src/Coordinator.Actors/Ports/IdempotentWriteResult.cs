using PairDb.Messages.Values;

namespace PairDb.Actors.Ports;

/// <summary>The first response of an idempotent write, replayed for its duplicates.</summary>
public sealed record IdempotentWriteResult(VectorClock Clock, int ReplicaCount, Consistency Consistency);
