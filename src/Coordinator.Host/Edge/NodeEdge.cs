using Grpc.Core;
using PairDb.Actors.Cores;
using PairDb.Actors.Ring;
using PairDb.Coordinator.Interceptors;
using PairDb.Messages.Values;
using PairDb.Protocol.Coordinator;

namespace PairDb.Coordinator.Edge;

/// <summary>
/// ListStorageNodes (membership and rebuilding marks from the ring snapshot, key counts and disk use asked of each node,
/// the hints this coordinator holds for each; removed nodes are left out) and GetRing (each node's share of the ring).
/// </summary>
public sealed class NodeEdge
{
    private static readonly TimeSpan HealthTimeout = TimeSpan.FromSeconds(2);
    private readonly EdgeServices _services;

    public NodeEdge(EdgeServices services) => _services = services;

    public async Task<ListStorageNodesResponse> ListAsync(ListStorageNodesRequest request, ServerCallContext context)
    {
        var snapshot = _services.Ring.Current;
        var nodes = snapshot.Nodes.Where(static n => n.Status != StorageNodeStatus.Removed).OrderBy(static n => n.NodeId, StringComparer.Ordinal).ToArray();
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
                Status = StatusName(snapshot, node, health[i].Reachable && health[i].Healthy),
                VirtualNodes = node.VirtualNodes,
                KeysCount = health[i].KeysCount,
                DiskUsagePercent = health[i].DiskUsagePercent,
                PendingHints = _services.Hints.PendingFor(node.NodeId),
                RebuildingSince = snapshot.Rebuilding.TryGetValue(node.NodeId, out var since) ? since.ToUnixTimeSeconds() : 0,
            });
        }

        return response;
    }

    public async Task<GetRingResponse> GetRingAsync(GetRingRequest request, ServerCallContext context)
    {
        CallTenant.Attach(context, request.TenantId);
        var factor = 1;
        if (request.TenantId.Length > 0)
        {
            var tenant = await _services.Metadata.GetTenantAsync(request.TenantId, context.CancellationToken)
                ?? throw EdgeStatus.NotFound($"Tenant '{request.TenantId}' not found.");
            factor = tenant.ReplicationFactor;
        }

        var snapshot = _services.Ring.Current;
        var primary = RingShares.Of(snapshot.Ring, 1);
        var replica = RingShares.Of(snapshot.Ring, factor);
        var response = new GetRingResponse { Success = true, ReplicationFactor = factor, RingVersion = snapshot.Version };
        foreach (var node in snapshot.Nodes.Where(static n => n.Status != StorageNodeStatus.Removed).OrderBy(static n => n.NodeId, StringComparer.Ordinal))
        {
            response.Nodes.Add(new RingNodeShare
            {
                NodeId = node.NodeId,
                Status = StatusName(snapshot, node, !snapshot.IsDown(node.NodeId)),
                VirtualNodes = node.VirtualNodes,
                PrimaryShare = primary.GetValueOrDefault(node.NodeId),
                ReplicaShare = replica.GetValueOrDefault(node.NodeId),
            });
        }

        return response;
    }

    /// <summary>An active node that answers but lost its data reads "rebuilding" until anti-entropy has refilled it.</summary>
    private static string StatusName(RingSnapshot snapshot, StorageNode node, bool healthy) => node.Status switch
    {
        StorageNodeStatus.Joining => "joining",
        StorageNodeStatus.Leaving => "draining",
        _ when !healthy => "inactive",
        _ => snapshot.IsRebuilding(node.NodeId) ? "rebuilding" : "active",
    };
}
