using System.CommandLine;
using PairDb.Cli.Errors;
using PairDb.Cli.Output;
using PairDb.Cli.Output.Tables;
using PairDb.Cli.Output.Views;

namespace PairDb.Cli.Commands;

/// <summary>`pairdb cluster members`: every coordinator of the Akka.NET cluster with status, reachability and roles.</summary>
public static class ClusterMembersCommand
{
    public static Command Create(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var command = new Command("members", "List the coordinators' cluster members: address, status, reachability, roles, self/leader/oldest.");
        command.SetAction((parse, token) => context.RunAsync(parse, "list cluster members", static async session =>
        {
            var response = await session.Client.ListClusterMembersAsync(session.CancellationToken);
            session.Output.Write(ClusterViews.Members(response), CliJson.Output.ClusterMemberListView, ClusterTables.Members);
            return ExitCodes.Ok;
        }, token));
        return command;
    }
}
