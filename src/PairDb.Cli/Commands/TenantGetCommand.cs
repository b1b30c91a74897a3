using System.CommandLine;
using PairDb.Cli.Errors;
using PairDb.Cli.Output;
using PairDb.Cli.Output.Tables;
using PairDb.Cli.Output.Views;

namespace PairDb.Cli.Commands;

/// <summary>`pairdb tenant get ID`.</summary>
public static class TenantGetCommand
{
    public static Command Create(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var id = new Argument<string>("ID") { Description = "Tenant id." };
        var command = new Command("get", "Show a tenant.") { id };
        command.SetAction((parse, token) =>
        {
            var tenantId = parse.GetRequiredValue(id);
            return context.RunAsync(parse, "get tenant " + tenantId, async session =>
            {
                var response = await session.Client.GetTenantAsync(tenantId, session.CancellationToken);
                session.Output.Write(ProtoViews.Tenant(response), CliJson.Output.TenantView, TenantTables.Single);
                return ExitCodes.Ok;
            }, token);
        });
        return command;
    }
}
