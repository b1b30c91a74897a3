using System.CommandLine;
using PairDb.Cli.Errors;
using PairDb.Cli.Output;
using PairDb.Cli.Output.Tables;
using PairDb.Cli.Output.Views;

namespace PairDb.Cli.Commands;

/// <summary>`pairdb tenant token revoke TOKEN_ID`: the token stops working on every coordinator.</summary>
public static class TenantTokenRevokeCommand
{
    public static Command Create(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var id = new Argument<string>("TOKEN_ID") { Description = "Token id (or prefix pdb_<id>) as `tenant token list` shows it." };
        var command = new Command("revoke", "Revoke a tenant token.") { id };
        command.SetAction((parse, token) =>
        {
            var tokenId = parse.GetRequiredValue(id);
            return context.RunAsync(parse, "revoke token " + tokenId, async session =>
            {
                var response = await session.Client.RevokeTenantTokenAsync(tokenId, session.CancellationToken);
                session.Output.Write(SecurityViews.Token(response.Info ?? new Protocol.Coordinator.TenantTokenInfo()), CliJson.Output.TokenView, SecurityTables.Single);
                return ExitCodes.Ok;
            }, token);
        });
        return command;
    }
}
