using PairDb.Actors.Cores;
using PairDb.Messages.Values;

namespace PairDb.Actors.Migration;

/// <summary>
/// The plan of a migration, rebuilt from the migration record and the stored membership, so it is the same before
/// and after the switch and after a coordinator restart: the changed node is taken out of (or put into) the
/// rings explicitly, whatever its status is at the moment.
/// </summary>
public static class MigrationPlacement
{
    public static MigrationPlan Plan(MigrationRecord migration, IReadOnlyList<StorageNode> nodes, IReadOnlyList<Tenant> tenants)
    {
        ArgumentNullException.ThrowIfNull(migration);
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(tenants);
        var others = new List<RingMember>();
        RingMember? changed = null;
        foreach (var node in nodes)
        {
            var member = new RingMember(node.NodeId, node.VirtualNodes);
            if (migration.Type != MigrationType.ReplicationFactor && string.Equals(node.NodeId, migration.NodeId, StringComparison.Ordinal))
            {
                changed = member;
            }
            else if (node.Status is StorageNodeStatus.Active or StorageNodeStatus.Leaving)
            {
                others.Add(member);
            }
        }

        var without = new HashRing(others);
        var with = changed is { } node1 ? new HashRing([.. others, node1]) : without;
        var placements = new List<TenantPlacement>();
        foreach (var tenant in tenants)
        {
            if (migration.Type != MigrationType.ReplicationFactor)
            {
                placements.Add(new TenantPlacement(tenant.TenantId, tenant.ReplicationFactor, tenant.ReplicationFactor));
            }
            else if (string.Equals(tenant.TenantId, migration.TenantId, StringComparison.Ordinal))
            {
                placements.Add(new TenantPlacement(tenant.TenantId, migration.PreviousReplicationFactor, migration.ReplicationFactor));
            }
        }

        return migration.Type switch
        {
            MigrationType.AddNode => MigrationPlanner.Plan(without, with, placements),
            MigrationType.RemoveNode => MigrationPlanner.Plan(with, without, placements),
            _ => MigrationPlanner.Plan(without, without, placements),
        };
    }
}
