using System.CommandLine;
using PairDb.Cli.Errors;
using PairDb.Cli.Output;
using PairDb.Cli.Output.Tables;
using PairDb.Cli.Output.Views;

namespace PairDb.Cli.Commands;

/// <summary>`pairdb ring show [--tenant T]`: each node's primary and replica share of the hash ring.</summary>
public static class RingShowCommand
{
    public static Command Create(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var tenant = new Option<string>("--tenant", "-t")
        {
            Description = "Compute replica shares with this tenant's replication factor (default: RF 1, primary ownership).",
            HelpName = "TENANT",
        };
        var command = new Command("show", "Show how the ring is divided: per node primary and replica share, status, virtual nodes.") { tenant };
        command.SetAction((parse, token) =>
        {
            var tenantId = parse.GetValue(tenant);
            var what = tenantId is null ? "ring show" : "ring show for tenant " + tenantId;
            return context.RunAsync(parse, what, async session =>
            {
                var response = await session.Client.GetRingAsync(tenantId ?? string.Empty, session.CancellationToken);
                session.Output.Write(ProtoViews.Ring(response, tenantId), CliJson.Output.RingView, RingTable.Show);
                return ExitCodes.Ok;
            }, token);
        });
        return command;
    }
}
