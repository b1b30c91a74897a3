using System.CommandLine;

namespace PairDb.Cli.Commands;

/// <summary>`pairdb node drain ID [--watch]`: streams the node's data to the others, then removes it (never forced).</summary>
public static class NodeDrainCommand
{
    public static Command Create(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var id = new Argument<string>("ID") { Description = "Id of the storage node to drain." };
        var watch = new WatchOptions("Follow the drain until it ends (exit 5 if it fails).");
        var command = new Command("drain", "Move a storage node's data to the remaining nodes, then remove it (same as remove without --force).") { id };
        watch.AddTo(command);
        command.SetAction((parse, token) =>
        {
            var nodeId = parse.GetRequiredValue(id);
            var watching = watch.Read(parse);
            return context.RunAsync(parse, "drain storage node " + nodeId, session => NodeRemoval.RunAsync(session, "drain", nodeId, force: false, watching), token);
        });
        return command;
    }
}
