using PairDb.Actors.Ports;
using PairDb.Messages.Values;

namespace PairDb.Coordinator.Composition;

/// <summary>
/// Registers configured storage nodes (embedded ones and the static STORAGE_NODES list) in the metadata store at
/// start: new ones are added, known ones get their current address; and creates tenant <c>default</c> once.
/// </summary>
public static class MembershipBootstrap
{
    public const string DefaultTenant = "default";

    public static async Task RegisterAsync(IMetadataStore metadata, IReadOnlyList<StorageNode> configured, CancellationToken cancellationToken)
    {
        foreach (var node in configured)
        {
            if (!await metadata.AddStorageNodeAsync(node, cancellationToken))
            {
                await metadata.UpdateStorageNodeAsync(node, cancellationToken);
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
