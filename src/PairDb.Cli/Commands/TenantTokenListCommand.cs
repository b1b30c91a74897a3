using System.CommandLine;
using PairDb.Cli.Errors;
using PairDb.Cli.Output;
using PairDb.Cli.Output.Tables;
using PairDb.Cli.Output.Views;
using PairDb.Cli.Parsing;

namespace PairDb.Cli.Commands;

/// <summary>`pairdb tenant token list TENANT [--limit N]`: a tenant's tokens, newest first, without secrets.</summary>
public static class TenantTokenListCommand
{
    public static Command Create(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var tenant = new Argument<string>("TENANT") { Description = "Tenant id." };
        var limit = new Option<int>("--limit")
        {
            Description = "Most tokens listed, newest first (at most the coordinator's security.max_page_size). Default: 100.",
            HelpName = "N",
            CustomParser = ValueParsers.PositiveInt,
        };
        var command = new Command("list", "List a tenant's tokens: id, prefix, created, revoked.") { tenant, limit };
        command.SetAction((parse, token) =>
        {
            var tenantId = parse.GetRequiredValue(tenant);
            var pageSize = parse.GetValue(limit);
            return context.RunAsync(parse, "list tokens of tenant " + tenantId, async session =>
            {
                var response = await session.Client.ListTenantTokensAsync(tenantId, pageSize, session.CancellationToken);
                session.Output.Write(SecurityViews.Tokens(response), CliJson.Output.TokenListView, SecurityTables.Tokens);
                return ExitCodes.Ok;
            }, token);
        });
        return command;
    }
}
