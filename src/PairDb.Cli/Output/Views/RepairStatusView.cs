namespace PairDb.Cli.Output.Views;

/// <summary>
/// `repair status`: anti-entropy's current pass and last full pass (times in Unix seconds, 0 = never), counts over the
/// ranges of the answering coordinator's plan, and with --ranges every range (null without it).
/// </summary>
public sealed record RepairStatusView(
    bool Enabled,
    long PassNumber,
    long PassStartedAt,
    int RangesTotal,
    int RangesSynced,
    int RangesFailed,
    long KeysRepaired,
    long LastFullPassStartedAt,
    long LastFullPassCompletedAt,
    long AllSyncedSince,
    IReadOnlyList<RepairRangeView>? Ranges);
