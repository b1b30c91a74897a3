using System.Globalization;
using PairDb.Cli.Output.Views;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace PairDb.Cli.Output.Tables;

/// <summary>The summary printed by `cluster status`.</summary>
public static class ClusterStatusTable
{
    public const string NotReported = "n/a (not implemented by this coordinator)";

    public static IRenderable Show(ClusterStatusView view)
    {
        var fields = new List<(string, string)>
        {
            ("Coordinator", view.Coordinator),
            ("Storage nodes", view.NodeCount.ToString(CultureInfo.InvariantCulture)),
        };
        foreach (var group in view.NodesByStatus)
        {
            fields.Add(("  " + group.Status, group.Count.ToString(CultureInfo.InvariantCulture) + " (" + string.Join(", ", group.NodeIds) + ")"));
        }

        fields.Add(("Tenants", view.TenantCount?.ToString(CultureInfo.InvariantCulture) ?? NotReported));
        fields.Add(("Ring version", view.RingVersion?.ToString(CultureInfo.InvariantCulture) ?? NotReported));
        fields.Add(("Active migrations", view.ActiveMigrations?.Count.ToString(CultureInfo.InvariantCulture) ?? NotReported));
        var summary = Cells.Fields([.. fields]);
        return view.ActiveMigrations is { Count: > 0 } migrations
            ? new Rows(summary, new Text(string.Empty), MigrationTables.List(migrations))
            : summary;
    }
}
