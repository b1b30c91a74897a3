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
        var table = Cells.NewTable("TENANT", "RF", "REQUESTS/S", "BYTES/S", "CREATED", "UPDATED");
        foreach (var tenant in view.Tenants)
        {
            table.AddRow(
                Cells.Text(tenant.TenantId),
                Cells.Number(tenant.ReplicationFactor),
                Cells.Text(tenant.Limits is { } limits ? Rate(limits.RequestsPerSecond, limits.FromDefaults) : null),
                Cells.Text(tenant.Limits is { } bytes ? Rate(bytes.BytesPerSecond, bytes.FromDefaults) : null),
                Cells.UnixSeconds(tenant.CreatedAt),
                Cells.UnixSeconds(tenant.UpdatedAt));
        }

        table.Caption(Markup.Escape(view.Tenants.Count.ToString(CultureInfo.InvariantCulture) + (view.Tenants.Count == 1 ? " tenant" : " tenants")));
        return table;
    }

    public static IRenderable Single(TenantView view) => view.Limits is { } limits
        ? Cells.Fields(
            ("Tenant", view.TenantId),
            ("Replication factor", view.ReplicationFactor.ToString(CultureInfo.InvariantCulture)),
            ("Requests per second", Rate(limits.RequestsPerSecond, limits.FromDefaults)),
            ("Bytes per second", Rate(limits.BytesPerSecond, limits.FromDefaults)),
            ("Created", Cells.FormatUnixSeconds(view.CreatedAt)),
            ("Updated", Cells.FormatUnixSeconds(view.UpdatedAt)))
        : Cells.Fields(
            ("Tenant", view.TenantId),
            ("Replication factor", view.ReplicationFactor.ToString(CultureInfo.InvariantCulture)),
            ("Created", Cells.FormatUnixSeconds(view.CreatedAt)),
            ("Updated", Cells.FormatUnixSeconds(view.UpdatedAt)));

    public static IRenderable LimitsChange(TenantLimitsChangeView view) => Cells.Fields(
        ("Tenant", view.TenantId),
        ("Requests per second", Rate(view.Limits.RequestsPerSecond, view.Limits.FromDefaults)),
        ("Bytes per second", Rate(view.Limits.BytesPerSecond, view.Limits.FromDefaults)),
        ("Updated", Cells.FormatUnixSeconds(view.UpdatedAt)));

    /// <summary>A per-coordinator rate: "unlimited" for 0, "(default)" after a configured default.</summary>
    private static string Rate(long perSecond, bool fromDefaults) =>
        (perSecond == 0 ? "unlimited" : perSecond.ToString("N0", CultureInfo.InvariantCulture)) + (fromDefaults ? " (default)" : string.Empty);

    public static IRenderable ReplicationChange(ReplicationChangeView view) => Cells.Fields(
        ("Tenant", view.TenantId),
        ("Replication factor", view.OldReplicationFactor.ToString(CultureInfo.InvariantCulture) + " -> " + view.NewReplicationFactor.ToString(CultureInfo.InvariantCulture)),
        ("Migration", view.MigrationId),
        ("Updated", Cells.FormatUnixSeconds(view.UpdatedAt)));
}
