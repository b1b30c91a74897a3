using System.CommandLine;
using PairDb.Cli.Errors;
using PairDb.Cli.Output;
using PairDb.Cli.Output.Tables;
using PairDb.Cli.Output.Views;
using PairDb.Cli.Parsing;

namespace PairDb.Cli.Commands;

/// <summary>`pairdb tenant create ID [--rf N]`.</summary>
public static class TenantCreateCommand
{
    public static Command Create(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var id = new Argument<string>("ID") { Description = "Tenant id (1-256 bytes, no ':')." };
        var rf = new Option<int?>("--rf")
        {
            Description = "Replication factor (at most the number of active storage nodes). Default: the coordinator's (3).",
            HelpName = "N",
            CustomParser = static result => ValueParsers.PositiveInt(result),
        };
        var command = new Command("create", "Create a tenant.") { id, rf };
        command.SetAction((parse, token) =>
        {
            var tenantId = parse.GetRequiredValue(id);
            var replicationFactor = parse.GetValue(rf) ?? 0;
            return context.RunAsync(parse, "create tenant " + tenantId, async session =>
            {
                var response = await session.Client.CreateTenantAsync(tenantId, replicationFactor, session.CancellationToken);
                session.Output.Write(ProtoViews.Tenant(response), CliJson.Output.TenantView, TenantTables.Single);
                return ExitCodes.Ok;
            }, token);
        });
        return command;
    }
}
