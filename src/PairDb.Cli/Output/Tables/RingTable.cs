using System.Globalization;
using PairDb.Cli.Output.Views;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace PairDb.Cli.Output.Tables;

/// <summary>The table of `ring show`: each node's primary and replica share of the ring.</summary>
public static class RingTable
{
    public static IRenderable Show(RingView view)
    {
        var table = Cells.NewTable("NODE", "STATUS", "VNODES", "PRIMARY", "REPLICA");
        foreach (var node in view.Nodes)
        {
            table.AddRow(
                Cells.Text(node.NodeId),
                Cells.Text(node.Status),
                Cells.Number(node.VirtualNodes),
                Cells.Percent(node.PrimaryPercent),
                Cells.Percent(node.ReplicaPercent));
        }

        var scope = view.TenantId is null ? string.Empty : " (tenant " + view.TenantId + ")";
        table.Caption(Markup.Escape(
            "ring version " + view.RingVersion.ToString(CultureInfo.InvariantCulture)
            + ", replication factor " + view.ReplicationFactor.ToString(CultureInfo.InvariantCulture) + scope));
        return table;
    }
}
