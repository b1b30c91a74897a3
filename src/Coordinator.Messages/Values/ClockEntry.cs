namespace PairDb.Messages.Values;

/// <summary>One entry of a vector clock: how many versions the named coordinator has stamped.</summary>
public readonly record struct ClockEntry(string NodeId, long Counter);
