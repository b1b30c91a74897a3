using PairDb.Messages.Protocols;
using PairDb.Messages.Values;

namespace PairDb.Actors.Migration;

/// <summary>
/// Decides a requested change against the stored membership and tenants, and records it: the migration record is
/// created first (the store admits one active migration), then the node is marked joining or leaving, so a crash
/// in between leaves a migration that resumes rather than a node in limbo.
/// </summary>
internal static class MigrationBegin
{
    public static async Task<(object Reply, MigrationRecord? Run)> DecideAsync(
        MigrationRequest request, MigrationServices services, MigrationSettings settings, CancellationToken cancellationToken)
    {
        var metadata = services.Metadata;
        var running = await metadata.ListMigrationsAsync(activeOnly: true, cancellationToken);
        if (running.Count > 0)
        {
            return Busy(running[0]);
        }

        var nodes = await metadata.ListStorageNodesAsync(cancellationToken);
        var tenants = await metadata.ListTenantsAsync(cancellationToken);
        var active = 0;
        foreach (var node in nodes)
        {
            active += node.Status == StorageNodeStatus.Active ? 1 : 0;
        }

        var maxFactor = 0;
        foreach (var tenant in tenants)
        {
            maxFactor = Math.Max(maxFactor, tenant.ReplicationFactor);
        }

        (object Reply, MigrationRecord? Run) result = request switch
        {
            AddNodeRequest add => await AddAsync(add.Node, nodes, services, settings, cancellationToken),
            RemoveNodeRequest remove => await RemoveAsync(remove, nodes, active, maxFactor, services, settings, cancellationToken),
            ChangeFactorRequest change => await ChangeFactorAsync(change, tenants, active, services, settings, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(request), request, "Unknown migration request."),
        };
        if (result.Reply is MigrationAccepted)
        {
            await services.RefreshRingAsync();
        }

        return result;
    }

    private static async Task<(object, MigrationRecord?)> AddAsync(
        StorageNode node, IReadOnlyList<StorageNode> nodes, MigrationServices services, MigrationSettings settings, CancellationToken cancellationToken)
    {
        StorageNode? existing = null;
        foreach (var known in nodes)
        {
            if (string.Equals(known.NodeId, node.NodeId, StringComparison.Ordinal))
            {
                existing = known;
            }
            else if (known.Status != StorageNodeStatus.Removed && known.Port == node.Port && string.Equals(known.Host, node.Host, StringComparison.OrdinalIgnoreCase))
            {
                return Refuse(MigrationRefusal.AlreadyExists, $"Storage node {known.NodeId} already serves {node.Host}:{node.Port}.");
            }
        }

        if (existing is not null && existing.Status != StorageNodeStatus.Removed)
        {
            return Refuse(MigrationRefusal.AlreadyExists, $"Storage node {node.NodeId} already exists (status {existing.Status.ToString().ToLowerInvariant()}).");
        }

        var health = await services.Replicas.CheckHealthAsync(node, settings.CallTimeout, cancellationToken);
        if (!health.Reachable || !health.Healthy)
        {
            return Refuse(MigrationRefusal.FailedPrecondition, $"Storage node {node.NodeId} at {node.Host}:{node.Port} is not ready to join: {health.Detail}.");
        }

        var record = NewRecord(MigrationType.AddNode, node.NodeId, string.Empty, 0, 0, services);
        if (!await services.Metadata.TryCreateMigrationAsync(record, cancellationToken))
        {
            return await BusyAsync(services, cancellationToken);
        }

        var joining = node with { Status = StorageNodeStatus.Joining };
        if (existing is null)
        {
            await services.Metadata.AddStorageNodeAsync(joining, cancellationToken);
        }
        else
        {
            await services.Metadata.UpdateStorageNodeAsync(joining, cancellationToken);
        }

        return (new MigrationAccepted(record, $"Storage node {node.NodeId} is joining; its ranges stream to it in migration {record.Id}."), record);
    }

    private static async Task<(object, MigrationRecord?)> RemoveAsync(
        RemoveNodeRequest request, IReadOnlyList<StorageNode> nodes, int active, int maxFactor, MigrationServices services, MigrationSettings settings, CancellationToken cancellationToken)
    {
        StorageNode? node = null;
        foreach (var known in nodes)
        {
            if (string.Equals(known.NodeId, request.NodeId, StringComparison.Ordinal) && known.Status != StorageNodeStatus.Removed)
            {
                node = known;
            }
        }

        if (node is null)
        {
            return Refuse(MigrationRefusal.NotFound, $"Storage node {request.NodeId} does not exist.");
        }

        if (node.Status != StorageNodeStatus.Active)
        {
            return Refuse(MigrationRefusal.FailedPrecondition, $"Storage node {request.NodeId} is {node.Status.ToString().ToLowerInvariant()}, not active.");
        }

        if (active - 1 < maxFactor)
        {
            return Refuse(
                MigrationRefusal.FailedPrecondition,
                $"Removing storage node {request.NodeId} would leave {active - 1} active nodes, fewer than the largest tenant replication factor ({maxFactor}).");
        }

        if (request.Force)
        {
            await services.Metadata.UpdateStorageNodeAsync(node with { Status = StorageNodeStatus.Removed }, cancellationToken);
            return (new MigrationAccepted(null, $"Storage node {request.NodeId} was removed at once; the data it held comes back only through read repair."), null);
        }

        var record = NewRecord(MigrationType.RemoveNode, node.NodeId, string.Empty, 0, 0, services);
        if (!await services.Metadata.TryCreateMigrationAsync(record, cancellationToken))
        {
            return await BusyAsync(services, cancellationToken);
        }

        await services.Metadata.UpdateStorageNodeAsync(node with { Status = StorageNodeStatus.Leaving }, cancellationToken);
        return (new MigrationAccepted(record, $"Storage node {node.NodeId} is leaving; its ranges stream to their new owners in migration {record.Id}."), record);
    }

    private static async Task<(object, MigrationRecord?)> ChangeFactorAsync(
        ChangeFactorRequest request, IReadOnlyList<Tenant> tenants, int active, MigrationServices services, MigrationSettings settings, CancellationToken cancellationToken)
    {
        Tenant? tenant = null;
        foreach (var known in tenants)
        {
            if (string.Equals(known.TenantId, request.TenantId, StringComparison.Ordinal))
            {
                tenant = known;
            }
        }

        if (tenant is null)
        {
            return Refuse(MigrationRefusal.NotFound, $"Tenant {request.TenantId} does not exist.");
        }

        if (tenant.ReplicationFactor == request.ReplicationFactor)
        {
            return (new MigrationAccepted(null, $"Tenant {tenant.TenantId} already has replication factor {tenant.ReplicationFactor}; nothing to move."), null);
        }

        if (request.ReplicationFactor > active)
        {
            return Refuse(
                MigrationRefusal.FailedPrecondition,
                $"Replication factor {request.ReplicationFactor} is above the {active} active storage nodes.");
        }

        var record = NewRecord(MigrationType.ReplicationFactor, string.Empty, tenant.TenantId, tenant.ReplicationFactor, request.ReplicationFactor, services);
        if (!await services.Metadata.TryCreateMigrationAsync(record, cancellationToken))
        {
            return await BusyAsync(services, cancellationToken);
        }

        var what = request.ReplicationFactor > tenant.ReplicationFactor
            ? "the new replicas receive the data, then the factor switches"
            : "the factor switches after the settle delay; surplus replicas are purged after the grace period";
        return (new MigrationAccepted(record, $"Tenant {tenant.TenantId}: replication factor {tenant.ReplicationFactor} -> {request.ReplicationFactor}; {what} (migration {record.Id})."), record);
    }

    private static MigrationRecord NewRecord(
        MigrationType type, string nodeId, string tenantId, int previousFactor, int factor, MigrationServices services)
    {
        var now = Truncate(services.Time.GetUtcNow());
        return new MigrationRecord(
            "mig-" + Guid.NewGuid().ToString("N"), type, nodeId, tenantId, previousFactor, factor, MigrationStatus.InProgress, MigrationPhase.Settling,
            0, 0, now, now, null, null, null, services.Owner);
    }

    /// <summary>Microsecond precision: what every metadata store keeps, so a record reads back equal.</summary>
    internal static DateTimeOffset Truncate(DateTimeOffset instant) =>
        new(instant.UtcTicks - (instant.UtcTicks % TimeSpan.TicksPerMicrosecond), TimeSpan.Zero);

    private static async Task<(object, MigrationRecord?)> BusyAsync(MigrationServices services, CancellationToken cancellationToken)
    {
        var running = await services.Metadata.ListMigrationsAsync(activeOnly: true, cancellationToken);
        return running.Count > 0 ? Busy(running[0]) : Refuse(MigrationRefusal.FailedPrecondition, "Another migration started at the same moment; retry.");
    }

    private static (object, MigrationRecord?) Busy(MigrationRecord running) => Refuse(
        MigrationRefusal.FailedPrecondition,
        $"Migration {running.Id} ({running.Type}) is still running; one membership or replication-factor change runs at a time.");

    private static (object, MigrationRecord?) Refuse(MigrationRefusal reason, string message) => (new MigrationRefused(reason, message), null);
}
