using PairDb.Cli.Output;
using PairDb.Cli.Output.Tables;
using PairDb.Cli.Output.Views;

namespace PairDb.Cli.Commands;

/// <summary>The RemoveStorageNode call shared by `node remove` and `node drain`.</summary>
public static class NodeRemoval
{
    public static async Task<int> RunAsync(CommandSession session, string action, string nodeId, bool force, WatchSettings watch)
    {
        ArgumentNullException.ThrowIfNull(session);
        var response = await session.Client.RemoveStorageNodeAsync(nodeId, force, session.CancellationToken);
        var change = ProtoViews.NodeChange(action, response);
        return await MigrationReporter.ReportAsync(
            session, change, response.MigrationId, watch, CliJson.Output.NodeChangeView, NodeTables.Change, static (c, m) => c with { Migration = m });
    }
}
