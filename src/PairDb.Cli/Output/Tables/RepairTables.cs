using System.Globalization;
using PairDb.Cli.Output.Views;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace PairDb.Cli.Output.Tables;

/// <summary>`repair status`: the summary, and with --ranges the table of ranges under it.</summary>
public static class RepairTables
{
    private const int ReplicasColumn = 3;
    private const int ErrorColumn = 9;

    public static IRenderable Status(RepairStatusView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var summary = Summary(view);
        return view.Ranges is { } ranges ? new Rows(summary, new Text(string.Empty), Ranges(ranges)) : summary;
    }

    public static IRenderable Summary(RepairStatusView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return Cells.Fields(
            ("Anti-entropy", view.Enabled ? "enabled" : "disabled on this coordinator (anti_entropy.enabled)"),
            ("Pass", view.PassNumber == 0 ? Cells.None : "#" + view.PassNumber.ToString(CultureInfo.InvariantCulture) + ", started " + Cells.FormatUnixSeconds(view.PassStartedAt)),
            ("Ranges this pass", RangeCounts(view)),
            ("Keys repaired this pass", view.KeysRepaired.ToString("N0", CultureInfo.InvariantCulture)),
            ("Last full pass started", Cells.FormatUnixSeconds(view.LastFullPassStartedAt)),
            ("Last full pass completed", Cells.FormatUnixSeconds(view.LastFullPassCompletedAt)),
            ("All ranges in agreement since", AllSyncedSince(view)));
    }

    public static IRenderable Ranges(IReadOnlyList<RepairRangeView> ranges)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        var table = Cells.NewTable("RF", "START", "END", "REPLICAS", "SYNCED", "ATTEMPTED", "READ", "REPAIRED", "COLLECTED", "LAST ERROR");
        // Positions, times and counts stay on one line; replicas and the error take what width is left.
        for (var i = 0; i < table.Columns.Count; i++)
        {
            table.Columns[i].NoWrap = i is not (ReplicasColumn or ErrorColumn);
        }

        foreach (var range in ranges)
        {
            table.AddRow(
                Cells.Number(range.ReplicationFactor),
                new Text(Position(range.Start)),
                new Text(Position(range.End)),
                Cells.Text(string.Join(", ", range.Replicas)),
                Cells.UnixSeconds(range.SyncedAt),
                Cells.UnixSeconds(range.AttemptedAt),
                Cells.Number(range.KeysRead),
                Cells.Number(range.KeysRepaired),
                Cells.Number(range.TombstonesCollected),
                Cells.Text(range.LastError));
        }

        table.Caption(Markup.Escape(ranges.Count.ToString(CultureInfo.InvariantCulture) + (ranges.Count == 1 ? " range" : " ranges") + "; each is the ring arc (START, END]"));
        return table;
    }

    /// <summary>A ring position as 16 hex digits, "0x8000000000000000".</summary>
    public static string Position(ulong position) => "0x" + position.ToString("x16", CultureInfo.InvariantCulture);

    /// <summary>"40 synced, 2 failed of 128 (31.3% synced)".</summary>
    public static string RangeCounts(RepairStatusView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var text = view.RangesSynced.ToString("N0", CultureInfo.InvariantCulture) + " synced, "
            + view.RangesFailed.ToString("N0", CultureInfo.InvariantCulture) + " failed of "
            + view.RangesTotal.ToString("N0", CultureInfo.InvariantCulture);
        return view.RangesTotal == 0 ? text : text + " (" + Cells.FormatPercent(100.0 * view.RangesSynced / view.RangesTotal) + " synced)";
    }

    private static string AllSyncedSince(RepairStatusView view) => view.AllSyncedSince > 0
        ? Cells.FormatUnixSeconds(view.AllSyncedSince)
        : view.RangesTotal == 0 ? Cells.None + " (no ranges)" : Cells.None + " (some range has never synced)";
}
