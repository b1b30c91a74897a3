namespace PairDb.Actors.Ports;

/// <summary>How many hints, and how many bytes of them, one storage node has (pending, or just removed).</summary>
public readonly record struct PendingHints(string NodeId, long Count, long Bytes);
