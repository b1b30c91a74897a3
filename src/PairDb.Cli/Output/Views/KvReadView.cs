namespace PairDb.Cli.Output.Views;

/// <summary>`kv get`: the winning value, its merged clock, and the siblings when there were several.</summary>
public sealed record KvReadView(
    string TenantId,
    string Key,
    KvValueView Value,
    long TimestampMicros,
    IReadOnlyList<ClockEntryView> VectorClock,
    IReadOnlyList<SiblingView> Siblings);
