using System.CommandLine;
using PairDb.Cli.Errors;
using PairDb.Cli.Output;
using PairDb.Cli.Output.Tables;
using PairDb.Cli.Output.Views;

namespace PairDb.Cli.Commands;

/// <summary>`pairdb cluster leave NODE`: asks a member to leave the cluster gracefully (its shards hand over first).</summary>
public static class ClusterLeaveCommand
{
    public static Command Create(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var node = ClusterMemberArgument.Create();
        var command = new Command("leave", "Ask a coordinator to leave the cluster gracefully; answers once the cluster has the request.") { node };
        command.SetAction((parse, token) =>
        {
            var address = parse.GetRequiredValue(node);
            return context.RunAsync(parse, "leave cluster member " + address, async session =>
            {
                var response = await session.Client.LeaveClusterMemberAsync(address, session.CancellationToken);
                session.Output.Write(ClusterViews.Change("leave", response), CliJson.Output.ClusterMemberChangeView, ClusterTables.Change);
                return ExitCodes.Ok;
            }, token);
        });
        return command;
    }
}
