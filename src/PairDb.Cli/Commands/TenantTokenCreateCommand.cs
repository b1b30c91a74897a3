using System.CommandLine;
using PairDb.Cli.Errors;
using PairDb.Cli.Output;
using PairDb.Cli.Output.Tables;
using PairDb.Cli.Output.Views;

namespace PairDb.Cli.Commands;

/// <summary>`pairdb tenant token create TENANT`: a new tenant token; its secret is printed this once.</summary>
public static class TenantTokenCreateCommand
{
    public static Command Create(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var tenant = new Argument<string>("TENANT") { Description = "Tenant the token may reach." };
        var command = new Command("create", "Create a token for a tenant and print it (only now: the coordinator keeps a hash).") { tenant };
        command.SetAction((parse, token) =>
        {
            var tenantId = parse.GetRequiredValue(tenant);
            return context.RunAsync(parse, "create token for tenant " + tenantId, async session =>
            {
                var response = await session.Client.CreateTenantTokenAsync(tenantId, session.CancellationToken);
                session.Output.Write(SecurityViews.Created(response), CliJson.Output.CreatedTokenView, SecurityTables.Created);
                return ExitCodes.Ok;
            }, token);
        });
        return command;
    }
}
