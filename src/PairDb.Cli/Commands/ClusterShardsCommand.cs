using System.CommandLine;
using PairDb.Cli.Errors;
using PairDb.Cli.Output;
using PairDb.Cli.Output.Tables;
using PairDb.Cli.Output.Views;

namespace PairDb.Cli.Commands;

/// <summary>`pairdb cluster shards`: per member, the key region's shards and the live key actors in each.</summary>
public static class ClusterShardsCommand
{
    public static Command Create(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var command = new Command("shards", "Show the key shard region: per member, its shards and the live key actors (entities) in each.");
        command.SetAction((parse, token) => context.RunAsync(parse, "cluster shards", static async session =>
        {
            var response = await session.Client.GetClusterShardsAsync(session.CancellationToken);
            session.Output.Write(ClusterViews.Shards(response), CliJson.Output.ClusterShardsView, ClusterTables.Shards);
            return ExitCodes.Ok;
        }, token));
        return command;
    }
}
