using System.Globalization;
using PairDb.Cli.Output.Views;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace PairDb.Cli.Output.Tables;

/// <summary>Tables for the tenant commands.</summary>
public static class TenantTables
{
    public static IRenderable List(TenantListView view)
    {
        var table = Cells.NewTable("TENANT", "RF", "CREATED", "UPDATED");
        foreach (var tenant in view.Tenants)
        {
            table.AddRow(
                Cells.Text(tenant.TenantId),
                Cells.Number(tenant.ReplicationFactor),
                Cells.UnixSeconds(tenant.CreatedAt),
                Cells.UnixSeconds(tenant.UpdatedAt));
        }

        table.Caption(Markup.Escape(view.Tenants.Count.ToString(CultureInfo.InvariantCulture) + (view.Tenants.Count == 1 ? " tenant" : " tenants")));
        return table;
    }

    public static IRenderable Single(TenantView view) => Cells.Fields(
        ("Tenant", view.TenantId),
        ("Replication factor", view.ReplicationFactor.ToString(CultureInfo.InvariantCulture)),
        ("Created", Cells.FormatUnixSeconds(view.CreatedAt)),
        ("Updated", Cells.FormatUnixSeconds(view.UpdatedAt)));

    public static IRenderable ReplicationChange(ReplicationChangeView view) => Cells.Fields(
        ("Tenant", view.TenantId),
        ("Replication factor", view.OldReplicationFactor.ToString(CultureInfo.InvariantCulture) + " -> " + view.NewReplicationFactor.ToString(CultureInfo.InvariantCulture)),
        ("Migration", view.MigrationId),
        ("Updated", Cells.FormatUnixSeconds(view.UpdatedAt)));
}
