using System.CommandLine;
using PairDb.Cli.Output;
using PairDb.Cli.Output.Tables;
using PairDb.Cli.Output.Views;
using PairDb.Cli.Parsing;

namespace PairDb.Cli.Commands;

/// <summary>`pairdb tenant set-rf ID N [--watch]`: changes a tenant's replication factor; prints old/new RF and the migration.</summary>
public static class TenantSetRfCommand
{
    public static Command Create(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var id = new Argument<string>("ID") { Description = "Tenant id." };
        var rf = new Argument<int>("N") { Description = "New replication factor.", CustomParser = ValueParsers.PositiveInt };
        var watch = new WatchOptions("Follow the migration that adds or trims replicas until it ends (exit 5 if it fails).");
        var command = new Command("set-rf", "Change a tenant's replication factor; replicas are added or trimmed by a migration.") { id, rf };
        watch.AddTo(command);
        command.SetAction((parse, token) =>
        {
            var tenantId = parse.GetRequiredValue(id);
            var replicationFactor = parse.GetValue(rf);
            var watching = watch.Read(parse);
            return context.RunAsync(parse, "set replication factor of tenant " + tenantId, async session =>
            {
                var response = await session.Client.UpdateReplicationFactorAsync(tenantId, replicationFactor, session.CancellationToken);
                var change = ProtoViews.ReplicationChange(response);
                return await MigrationReporter.ReportAsync(
                    session, change, response.MigrationId, watching, CliJson.Output.ReplicationChangeView, TenantTables.ReplicationChange, static (c, m) => c with { Migration = m });
            }, token);
        });
        return command;
    }
}
