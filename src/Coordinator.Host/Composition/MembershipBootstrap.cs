using PairDb.Actors.Ports;
using PairDb.Messages.Values;

namespace PairDb.Coordinator.Composition;

/// <summary>
/// Registers configured storage nodes (embedded ones and the static STORAGE_NODES list) in the metadata store at
/// start: new ones are added, known ones get their current address but keep their status and ring weight (a node that joined,
/// is leaving or was removed through a migration stays so); and creates tenant <c>default</c> once.
/// </summary>
public static class MembershipBootstrap
{
    public const string DefaultTenant = "default";

    public static async Task RegisterAsync(IMetadataStore metadata, IReadOnlyList<StorageNode> configured, CancellationToken cancellationToken)
    {
        var known = new Dictionary<string, StorageNode>(StringComparer.Ordinal);
        foreach (var node in await metadata.ListStorageNodesAsync(cancellationToken))
        {
            known[node.NodeId] = node;
        }

        foreach (var node in configured)
        {
            if (known.TryGetValue(node.NodeId, out var stored))
            {
                await metadata.UpdateStorageNodeAsync(node with { Status = stored.Status, VirtualNodes = stored.VirtualNodes }, cancellationToken);
            }
            else
            {
                await metadata.AddStorageNodeAsync(node, cancellationToken);
            }
        }
    }

    /// <summary>Creates tenant "default" with RF min(preferred, active nodes) when the store has none yet.</summary>
    public static async Task EnsureDefaultTenantAsync(IMetadataStore metadata, int preferredReplicationFactor, int activeNodes, CancellationToken cancellationToken)
    {
        if (activeNodes == 0 || await metadata.GetTenantAsync(DefaultTenant, cancellationToken) is not null)
        {
            return;
        }

        await metadata.CreateTenantAsync(DefaultTenant, Math.Min(preferredReplicationFactor, activeNodes), DateTimeOffset.UtcNow, cancellationToken);
    }
}
