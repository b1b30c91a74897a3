using System.Globalization;
using PairDb.Cli.Output.Views;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace PairDb.Cli.Output.Tables;

/// <summary>Cell formatting shared by the tables: plain text (never markup), times, percentages, clocks.</summary>
public static class Cells
{
    public const string None = "-";

    public static IRenderable Text(string? text) => new Text(string.IsNullOrEmpty(text) ? None : text);

    public static IRenderable Number(long value) => new Text(value.ToString("N0", CultureInfo.InvariantCulture));

    public static IRenderable Percent(double value) => new Text(FormatPercent(value));

    public static IRenderable UnixSeconds(long seconds) => new Text(FormatUnixSeconds(seconds));

    public static string FormatPercent(double value) => value.ToString("0.0", CultureInfo.InvariantCulture) + "%";

    /// <summary>UTC time as "2026-11-21 10:15:00Z"; 0 (not set) as "-".</summary>
    public static string FormatUnixSeconds(long seconds) =>
        seconds <= 0 ? None : DateTimeOffset.FromUnixTimeSeconds(seconds).ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>UTC time with milliseconds; 0 (not set) as "-".</summary>
    public static string FormatUnixMicros(long micros) =>
        micros <= 0 ? None : DateTimeOffset.UnixEpoch.AddTicks(micros * 10).ToString("yyyy-MM-dd HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>A clock as "coord-a:3, coord-b:1"; empty as "-".</summary>
    public static string FormatClock(IReadOnlyList<ClockEntryView> clock)
    {
        if (clock.Count == 0)
        {
            return None;
        }

        var parts = new string[clock.Count];
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = clock[i].CoordinatorNodeId + ":" + clock[i].LogicalTimestamp.ToString(CultureInfo.InvariantCulture);
        }

        return string.Join(", ", parts);
    }

    /// <summary>A value as text when it is UTF-8, otherwise its size and a pointer to the JSON output's base64.</summary>
    public static string FormatValue(KvValueView value) =>
        value.Text ?? $"<{value.Length.ToString(CultureInfo.InvariantCulture)} bytes, not UTF-8: use --output json for base64>";

    /// <summary>A two-column key/value grid for single results.</summary>
    public static Grid Fields(params (string Name, string Value)[] fields)
    {
        var grid = new Grid();
        grid.AddColumn(new GridColumn().NoWrap().PadRight(2));
        grid.AddColumn();
        foreach (var (name, value) in fields)
        {
            grid.AddRow(new Text(name), Text(value));
        }

        return grid;
    }

    public static Table NewTable(params string[] headers)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var header in headers)
        {
            table.AddColumn(new TableColumn(new Text(header)));
        }

        return table;
    }
}
