using System.CommandLine;
using PairDb.Cli.Errors;
using PairDb.Cli.Output;
using PairDb.Cli.Output.Tables;
using PairDb.Cli.Output.Views;

namespace PairDb.Cli.Commands;

/// <summary>`pairdb tenant list`: every tenant with its replication factor.</summary>
public static class TenantListCommand
{
    public static Command Create(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var command = new Command("list", "List the tenants with their replication factors.");
        command.SetAction((parse, token) => context.RunAsync(parse, "list tenants", static async session =>
        {
            var response = await session.Client.ListTenantsAsync(session.CancellationToken);
            session.Output.Write(ProtoViews.Tenants(response), CliJson.Output.TenantListView, TenantTables.List);
            return ExitCodes.Ok;
        }, token));
        return command;
    }
}
