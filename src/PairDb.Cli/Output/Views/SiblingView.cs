namespace PairDb.Cli.Output.Views;

/// <summary>One concurrent version a read found.</summary>
public sealed record SiblingView(
    KvValueView Value,
    bool Tombstone,
    string CoordinatorNodeId,
    long TimestampMicros,
    IReadOnlyList<ClockEntryView> VectorClock);
