using System.CommandLine;
using Grpc.Core;
using PairDb.Cli.Errors;
using PairDb.Cli.Output;
using PairDb.Cli.Output.Tables;
using PairDb.Cli.Output.Views;
using PairDb.Protocol.Coordinator;

namespace PairDb.Cli.Commands;

/// <summary>`pairdb cluster status`: storage nodes by status, tenant count, ring version and active migrations.</summary>
public static class ClusterStatusCommand
{
    public static Command Create(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var command = new Command("status", "Summarise the cluster: storage nodes by status, tenants, ring version, active migrations.");
        command.SetAction((parse, token) => context.RunAsync(parse, "cluster status", RunAsync, token));
        return command;
    }

    private static async Task<int> RunAsync(CommandSession session)
    {
        var client = session.Client;
        var token = session.CancellationToken;
        var nodes = client.ListStorageNodesAsync(token);
        var tenants = UnlessUnimplemented(client.ListTenantsAsync(token));
        var migrations = UnlessUnimplemented(client.ListMigrationsAsync(activeOnly: true, token));
        var ring = UnlessUnimplemented(client.GetRingAsync(string.Empty, token));
        // Wait for all four before looking at any, so no call is left running when the first one fails.
        await Task.WhenAll(nodes, tenants, migrations, ring).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        var view = Compose(session.Settings.Coordinator.ToString(), await nodes, await tenants, await migrations, await ring);
        session.Output.Write(view, CliJson.Output.ClusterStatusView, ClusterStatusTable.Show);
        return ExitCodes.Ok;
    }

    /// <summary>Builds the summary; a null response is a method this coordinator does not implement.</summary>
    public static ClusterStatusView Compose(
        string coordinator,
        ListStorageNodesResponse nodes,
        ListTenantsResponse? tenants,
        ListMigrationsResponse? migrations,
        GetRingResponse? ring)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var unavailable = new List<string>();
        if (tenants is null)
        {
            unavailable.Add("ListTenants");
        }

        if (migrations is null)
        {
            unavailable.Add("ListMigrations");
        }

        if (ring is null)
        {
            unavailable.Add("GetRing");
        }

        return new ClusterStatusView(
            coordinator,
            nodes.Nodes.Count,
            GroupByStatus(nodes),
            tenants?.Tenants.Count,
            ring?.RingVersion,
            migrations is null ? null : ProtoViews.Migrations(migrations).Migrations,
            unavailable);
    }

    private static List<NodeStatusGroupView> GroupByStatus(ListStorageNodesResponse response)
    {
        var byStatus = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var node in response.Nodes)
        {
            if (!byStatus.TryGetValue(node.Status, out var ids))
            {
                ids = [];
                byStatus.Add(node.Status, ids);
            }

            ids.Add(node.NodeId);
        }

        var groups = new List<NodeStatusGroupView>(byStatus.Count);
        foreach (var (status, ids) in byStatus)
        {
            ids.Sort(StringComparer.Ordinal);
            groups.Add(new NodeStatusGroupView(status, ids.Count, ids));
        }

        return groups;
    }

    // The listing methods are newer than the original PairDB API; an older coordinator still gets a summary.
    private static async Task<T?> UnlessUnimplemented<T>(Task<T> call)
        where T : class
    {
        try
        {
            return await call;
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.Unimplemented)
        {
            return null;
        }
    }
}
