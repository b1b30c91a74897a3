using PairDb.Messages.Values;
using PairDb.Protocol.Coordinator;
using PairDb.Rpc.Server;

namespace PairDb.Coordinator.Edge;

/// <summary>ListStorageNodes: membership from the ring snapshot, key counts and disk use asked of each node.</summary>
public sealed class NodeEdge
{
    private static readonly TimeSpan HealthTimeout = TimeSpan.FromSeconds(2);
    private readonly EdgeServices _services;

    public NodeEdge(EdgeServices services) => _services = services;

    public async Task<ListStorageNodesResponse> ListAsync(ListStorageNodesRequest request, ServerCallContext context)
    {
        var snapshot = _services.Ring.Current;
        var nodes = snapshot.Nodes.OrderBy(static n => n.NodeId, StringComparer.Ordinal).ToArray();
        var health = await Task.WhenAll(Array.ConvertAll(nodes, node => _services.Replicas.CheckHealthAsync(node, HealthTimeout, context.CancellationToken)));
        var response = new ListStorageNodesResponse { Success = true };
        for (var i = 0; i < nodes.Length; i++)
        {
            var node = nodes[i];
            response.Nodes.Add(new StorageNodeInfo
            {
                NodeId = node.NodeId,
                Host = node.Host,
                Port = node.Port,
                Status = StatusName(node, health[i].Reachable && health[i].Healthy),
                VirtualNodes = node.VirtualNodes,
                KeysCount = health[i].KeysCount,
                DiskUsagePercent = health[i].DiskUsagePercent,
            });
        }

        return response;
    }

    private static string StatusName(StorageNode node, bool healthy) => node.Status switch
    {
        StorageNodeStatus.Joining => "joining",
        StorageNodeStatus.Leaving => "draining",
        _ => healthy ? "active" : "inactive",
    };
}
