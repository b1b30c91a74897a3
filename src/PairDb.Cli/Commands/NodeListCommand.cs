using System.CommandLine;
using PairDb.Cli.Errors;
using PairDb.Cli.Output;
using PairDb.Cli.Output.Tables;
using PairDb.Cli.Output.Views;

namespace PairDb.Cli.Commands;

/// <summary>`pairdb node list`: every storage node with address, status, virtual nodes, keys, disk use and pending hints.</summary>
public static class NodeListCommand
{
    public static Command Create(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var command = new Command("list", "List the storage nodes: address, status, virtual nodes, keys, disk use, hints pending for them.");
        command.SetAction((parse, token) => context.RunAsync(parse, "list storage nodes", static async session =>
        {
            var response = await session.Client.ListStorageNodesAsync(session.CancellationToken);
            session.Output.Write(ProtoViews.Nodes(response), CliJson.Output.NodeListView, NodeTables.List);
            return ExitCodes.Ok;
        }, token));
        return command;
    }
}
