using System.Globalization;
using PairDb.Cli.Output.Views;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace PairDb.Cli.Output.Tables;

/// <summary>Tables for `node list` and the node membership changes.</summary>
public static class NodeTables
{
    public static IRenderable List(NodeListView view)
    {
        var table = Cells.NewTable("NODE", "ADDRESS", "STATUS", "VNODES", "KEYS", "DISK", "HINTS", "REBUILDING SINCE");
        foreach (var node in view.Nodes)
        {
            table.AddRow(
                Cells.Text(node.NodeId),
                Cells.Text(node.Host + ":" + node.Port.ToString(CultureInfo.InvariantCulture)),
                Cells.Text(node.Status),
                Cells.Number(node.VirtualNodes),
                Cells.Number(node.KeysCount),
                Cells.Percent(node.DiskUsagePercent),
                Cells.Number(node.PendingHints),
                Cells.UnixSeconds(node.RebuildingSince));
        }

        table.Caption(Markup.Escape(view.Nodes.Count.ToString(CultureInfo.InvariantCulture) + (view.Nodes.Count == 1 ? " node" : " nodes")));
        return table;
    }

    public static IRenderable Change(NodeChangeView view) => Cells.Fields(
        ("Node", view.NodeId),
        ("Action", view.Action),
        ("Migration", view.MigrationId),
        ("Message", view.Message),
        ("Estimated completion", Cells.FormatUnixSeconds(view.EstimatedCompletion)));
}
