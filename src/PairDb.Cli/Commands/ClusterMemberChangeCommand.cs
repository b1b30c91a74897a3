using System.CommandLine;
using PairDb.Cli.Client;
using PairDb.Cli.Errors;
using PairDb.Cli.Output;
using PairDb.Cli.Output.Tables;
using PairDb.Cli.Output.Views;

namespace PairDb.Cli.Commands;

/// <summary>
/// `pairdb cluster leave NODE` (a running member leaves gracefully: its shards hand over first) and `pairdb cluster
/// down NODE` (for a member that crashed or is cut off and cannot leave itself): both answer once the cluster has the
/// request, with the member's status at that moment.
/// </summary>
public static class ClusterMemberChangeCommand
{
    public static Command Leave(CommandContext context) => Create(
        context,
        "leave",
        "Ask a coordinator to leave the cluster gracefully; answers once the cluster has the request.",
        static async (client, address, token) => ClusterViews.Change("leave", await client.LeaveClusterMemberAsync(address, token)));

    public static Command Down(CommandContext context) => Create(
        context,
        "down",
        "Mark a coordinator down (it is removed and its shards move); for a member that crashed or is unreachable. Answers once the cluster has the request.",
        static async (client, address, token) => ClusterViews.Change("down", await client.DownClusterMemberAsync(address, token)));

    private static Command Create(
        CommandContext context, string action, string description, Func<CoordinatorClient, string, CancellationToken, Task<ClusterMemberChangeView>> change)
    {
        ArgumentNullException.ThrowIfNull(context);
        var node = ClusterMemberArgument.Create();
        var command = new Command(action, description) { node };
        command.SetAction((parse, token) =>
        {
            var address = parse.GetRequiredValue(node);
            return context.RunAsync(parse, $"{action} cluster member {address}", async session =>
            {
                session.Output.Write(await change(session.Client, address, session.CancellationToken), CliJson.Output.ClusterMemberChangeView, ClusterTables.Change);
                return ExitCodes.Ok;
            }, token);
        });
        return command;
    }
}
