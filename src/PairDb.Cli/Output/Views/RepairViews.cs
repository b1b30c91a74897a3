using PairDb.Protocol.Coordinator;

namespace PairDb.Cli.Output.Views;

/// <summary>Turns the GetRepairStatus response into the CLI's view.</summary>
public static class RepairViews
{
    /// <param name="response">The coordinator's answer.</param>
    /// <param name="withRanges">Whether the ranges were asked for; without them <see cref="RepairStatusView.Ranges"/> is null.</param>
    public static RepairStatusView Status(GetRepairStatusResponse response, bool withRanges)
    {
        ArgumentNullException.ThrowIfNull(response);
        IReadOnlyList<RepairRangeView>? ranges = null;
        if (withRanges)
        {
            var list = new RepairRangeView[response.Ranges.Count];
            for (var i = 0; i < list.Length; i++)
            {
                list[i] = Range(response.Ranges[i]);
            }

            ranges = list;
        }

        return new RepairStatusView(
            response.Enabled,
            response.PassNumber,
            response.PassStartedAt,
            response.RangesTotal,
            response.RangesSynced,
            response.RangesFailed,
            response.KeysRepaired,
            response.LastFullPassStartedAt,
            response.LastFullPassCompletedAt,
            response.AllSyncedSince,
            ranges);
    }

    private static RepairRangeView Range(RepairRangeInfo range) => new(
        range.ReplicationFactor,
        range.Start,
        range.End,
        [.. range.Replicas],
        range.SyncedAt,
        range.AttemptedAt,
        range.KeysRead,
        range.KeysRepaired,
        range.TombstonesCollected,
        range.LastError);
}
