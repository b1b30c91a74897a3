using System.CommandLine;

namespace PairDb.Cli.Commands;

/// <summary>`pairdb node remove ID [--force] [--watch]`: removes a node, by default after streaming its data away.</summary>
public static class NodeRemoveCommand
{
    public static Command Create(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var id = new Argument<string>("ID") { Description = "Id of the storage node to remove." };
        var force = new Option<bool>("--force", "-f")
        {
            Description = "Drop the node at once without moving its data first (replicas elsewhere must cover it; read repair fills the gaps).",
        };
        var watch = new WatchOptions("Follow the migration that moves the node's data away until it ends (exit 5 if it fails).");
        var command = new Command("remove", "Remove a storage node: its data streams to the remaining nodes first unless --force.") { id, force };
        watch.AddTo(command);
        command.SetAction((parse, token) =>
        {
            var nodeId = parse.GetRequiredValue(id);
            var forced = parse.GetValue(force);
            var watching = watch.Read(parse);
            var what = (forced ? "force-remove storage node " : "remove storage node ") + nodeId;
            return context.RunAsync(parse, what, session => NodeRemoval.RunAsync(session, forced ? "force-remove" : "remove", nodeId, forced, watching), token);
        });
        return command;
    }
}
