namespace PairDb.Cli.Output.Views;

/// <summary>One concurrent version a read found: a value or a tombstone, when and by whom it was written, when it expires (0: never).</summary>
public sealed record SiblingView(
    KvValueView Value,
    bool Tombstone,
    string CoordinatorNodeId,
    long TimestampMicros,
    long ExpiresAtMicros,
    IReadOnlyList<ClockEntryView> VectorClock);
