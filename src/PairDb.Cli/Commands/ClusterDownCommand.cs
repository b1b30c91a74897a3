using System.CommandLine;
using PairDb.Cli.Errors;
using PairDb.Cli.Output;
using PairDb.Cli.Output.Tables;
using PairDb.Cli.Output.Views;

namespace PairDb.Cli.Commands;

/// <summary>`pairdb cluster down NODE`: marks a member down, for one that crashed or is cut off and cannot leave itself.</summary>
public static class ClusterDownCommand
{
    public static Command Create(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var node = ClusterMemberArgument.Create();
        var command = new Command(
            "down", "Mark a coordinator down (it is removed and its shards move); for a member that crashed or is unreachable. Answers once the cluster has the request.")
        {
            node,
        };
        command.SetAction((parse, token) =>
        {
            var address = parse.GetRequiredValue(node);
            return context.RunAsync(parse, "down cluster member " + address, async session =>
            {
                var response = await session.Client.DownClusterMemberAsync(address, session.CancellationToken);
                session.Output.Write(ClusterViews.Change("down", response), CliJson.Output.ClusterMemberChangeView, ClusterTables.Change);
                return ExitCodes.Ok;
            }, token);
        });
        return command;
    }
}
