namespace PairDb.Cli.Output.Views;

/// <summary>
/// `kv get`: the winning value, its write and expiry times (0: never expires), its merged clock, and every sibling with
/// its own clock when there were several.
/// </summary>
public sealed record KvReadView(
    string TenantId,
    string Key,
    KvValueView Value,
    long TimestampMicros,
    long ExpiresAtMicros,
    IReadOnlyList<ClockEntryView> VectorClock,
    IReadOnlyList<SiblingView> Siblings);
