using System.Globalization;
using PairDb.Cli.Output.Views;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace PairDb.Cli.Output.Tables;

/// <summary>Tables for migration status and lists.</summary>
public static class MigrationTables
{
    public static IRenderable Status(MigrationView view) => Cells.Fields(
        ("Migration", view.MigrationId),
        ("Type", view.Type),
        ("Node", view.NodeId),
        ("Status", view.Status),
        ("Phase", view.Phase),
        ("Coordinator", view.Owner),
        ("Progress", Progress(view)),
        ("Started", Cells.FormatUnixSeconds(view.StartedAt)),
        ("Estimated completion", Cells.FormatUnixSeconds(view.EstimatedCompletion)),
        ("Finished", Cells.FormatUnixSeconds(view.FinishedAt)),
        ("Failure", view.FailureReason));

    public static IRenderable List(MigrationListView view) => List(view.Migrations);

    public static IRenderable List(IReadOnlyList<MigrationView> migrations)
    {
        var table = Cells.NewTable("MIGRATION", "TYPE", "NODE", "STATUS", "PHASE", "PROGRESS", "STARTED");
        foreach (var migration in migrations)
        {
            table.AddRow(
                Cells.Text(migration.MigrationId),
                Cells.Text(migration.Type),
                Cells.Text(migration.NodeId),
                Cells.Text(migration.Status),
                Cells.Text(migration.Phase),
                Cells.Text(Progress(migration)),
                Cells.UnixSeconds(migration.StartedAt));
        }

        return table;
    }

    /// <summary>"42.0% (420/1,000 keys)".</summary>
    public static string Progress(MigrationView view) =>
        Cells.FormatPercent(view.Percentage) + " ("
        + view.KeysMigrated.ToString("N0", CultureInfo.InvariantCulture) + "/"
        + view.TotalKeys.ToString("N0", CultureInfo.InvariantCulture) + " keys)";
}
