using System.Globalization;
using PairDb.Cli.Output.Views;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace PairDb.Cli.Output.Tables;

/// <summary>Tables for the key-value commands.</summary>
public static class KvTables
{
    public static IRenderable Mutation(KvMutationView view) => Cells.Fields(
        ("Tenant", view.TenantId),
        ("Key", view.Key),
        ("Result", (view.Operation == "delete" ? "deleted" : "written") + (view.IsDuplicate ? " (duplicate of an earlier request)" : string.Empty)),
        ("Replicas", view.ReplicaCount.ToString(CultureInfo.InvariantCulture) + " acknowledged at " + (view.Consistency.Length == 0 ? "quorum" : view.Consistency)),
        ("Vector clock", Cells.FormatClock(view.VectorClock)),
        ("Idempotency key", view.IdempotencyKey));

    public static IRenderable Read(KvReadView view)
    {
        var fields = Cells.Fields(
            ("Tenant", view.TenantId),
            ("Key", view.Key),
            ("Value", Cells.FormatValue(view.Value)),
            ("Written", Cells.FormatUnixMicros(view.TimestampMicros)),
            ("Expires", FormatExpiry(view.ExpiresAtMicros)),
            ("Vector clock", Cells.FormatClock(view.VectorClock)),
            ("Siblings", view.Siblings.Count.ToString(CultureInfo.InvariantCulture)));
        if (view.Siblings.Count == 0)
        {
            return fields;
        }

        var table = Cells.NewTable("SIBLING VALUE", "WRITTEN", "BY", "EXPIRES", "CLOCK");
        foreach (var sibling in view.Siblings)
        {
            table.AddRow(
                Cells.Text(sibling.Tombstone ? "<deleted>" : Cells.FormatValue(sibling.Value)),
                Cells.Text(Cells.FormatUnixMicros(sibling.TimestampMicros)),
                Cells.Text(sibling.CoordinatorNodeId),
                Cells.Text(FormatExpiry(sibling.ExpiresAtMicros)),
                Cells.Text(Cells.FormatClock(sibling.VectorClock)));
        }

        return new Rows(fields, table);
    }

    private static string FormatExpiry(long micros) => micros <= 0 ? "never" : Cells.FormatUnixMicros(micros);
}
