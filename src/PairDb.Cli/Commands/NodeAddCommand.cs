using System.CommandLine;
using PairDb.Cli.Output;
using PairDb.Cli.Output.Tables;
using PairDb.Cli.Output.Views;
using PairDb.Cli.Parsing;
using PairDb.Protocol.Coordinator;

namespace PairDb.Cli.Commands;

/// <summary>`pairdb node add ID --host H --port P [--vnodes N] [--watch]`: joins a storage node; data streams to it.</summary>
public static class NodeAddCommand
{
    public static Command Create(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var id = new Argument<string>("ID") { Description = "Id of the new storage node, e.g. storage-4." };
        var host = new Option<string>("--host") { Description = "Host the coordinator reaches the node at.", HelpName = "HOST", Required = true };
        var port = new Option<int>("--port") { Description = "The node's gRPC port.", HelpName = "PORT", Required = true, CustomParser = ValueParsers.Port };
        var vnodes = new Option<int?>("--vnodes")
        {
            Description = "Virtual nodes on the ring. Default: the coordinator's (150).",
            HelpName = "N",
            CustomParser = static result => ValueParsers.PositiveInt(result),
        };
        var watch = new WatchOptions("Follow the data migration to the new node until it ends (exit 5 if it fails).");
        var command = new Command("add", "Add a storage node to the ring; prints the migration that moves its share of the data.") { id, host, port, vnodes };
        watch.AddTo(command);
        command.SetAction((parse, token) =>
        {
            var nodeId = parse.GetRequiredValue(id);
            var request = new AddStorageNodeRequest
            {
                NodeId = nodeId,
                Host = parse.GetRequiredValue(host),
                Port = parse.GetValue(port),
                VirtualNodes = parse.GetValue(vnodes) ?? 0,
            };
            var watching = watch.Read(parse);
            return context.RunAsync(parse, "add storage node " + nodeId, async session =>
            {
                var response = await session.Client.AddStorageNodeAsync(request, session.CancellationToken);
                var change = ProtoViews.NodeChange("add", response);
                return await MigrationReporter.ReportAsync(
                    session, change, response.MigrationId, watching, CliJson.Output.NodeChangeView, NodeTables.Change, static (c, m) => c with { Migration = m });
            }, token);
        });
        return command;
    }
}
