namespace PairDb.Actors.Ports;

/// <summary>Names one range anti-entropy keeps progress for: the arc (Start, End] of the ring of one replication factor.</summary>
public readonly record struct RepairRangeKey(int ReplicationFactor, ulong Start, ulong End);
