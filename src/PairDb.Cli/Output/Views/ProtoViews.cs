using System.Text;
using System.Text.Unicode;
using Google.Protobuf;
using PairDb.Protocol.Coordinator;

namespace PairDb.Cli.Output.Views;

/// <summary>Turns coordinator responses into the CLI's views (the shapes both renderers print).</summary>
public static class ProtoViews
{
    public static NodeView Node(StorageNodeInfo node) => new(
        node.NodeId, node.Host, node.Port, node.Status, node.VirtualNodes, node.KeysCount, Round(node.DiskUsagePercent), node.PendingHints, node.RebuildingSince);

    public static NodeListView Nodes(ListStorageNodesResponse response) =>
        new(Map(response.Nodes, Node));

    public static TenantView Tenant(TenantInfo tenant) =>
        new(tenant.TenantId, tenant.ReplicationFactor, tenant.CreatedAt, tenant.UpdatedAt,
            new TenantLimitsView(tenant.RequestsPerSecond, tenant.BytesPerSecond, tenant.LimitsFromDefaults));

    public static TenantView Tenant(GetTenantResponse tenant) =>
        new(tenant.TenantId, tenant.ReplicationFactor, tenant.CreatedAt, tenant.UpdatedAt,
            new TenantLimitsView(tenant.RequestsPerSecond, tenant.BytesPerSecond, tenant.LimitsFromDefaults));

    public static TenantView Tenant(CreateTenantResponse tenant) =>
        new(tenant.TenantId, tenant.ReplicationFactor, tenant.CreatedAt, tenant.CreatedAt, null);

    public static TenantLimitsChangeView TenantLimits(SetTenantLimitsResponse response) =>
        new(response.TenantId, new TenantLimitsView(response.RequestsPerSecond, response.BytesPerSecond, response.LimitsFromDefaults), response.UpdatedAt);

    public static TenantListView Tenants(ListTenantsResponse response) =>
        new(Map(response.Tenants, Tenant));

    public static MigrationView Migration(GetMigrationStatusResponse migration)
    {
        var progress = migration.Progress ?? new MigrationProgress();
        return new MigrationView(
            migration.MigrationId,
            migration.Type,
            migration.NodeId,
            migration.Status,
            migration.Phase,
            progress.KeysMigrated,
            progress.TotalKeys,
            Round(progress.Percentage),
            migration.StartedAt,
            migration.EstimatedCompletion,
            migration.FinishedAt,
            migration.FailureReason,
            migration.Owner);
    }

    public static MigrationListView Migrations(ListMigrationsResponse response) =>
        new(Map(response.Migrations, Migration));

    public static RingView Ring(GetRingResponse response, string? tenantId) =>
        new(tenantId, response.ReplicationFactor, response.RingVersion, Map(response.Nodes, RingNode));

    public static NodeChangeView NodeChange(string action, AddStorageNodeResponse response) =>
        new(action, response.NodeId, response.MigrationId, response.Message, response.EstimatedCompletion, null);

    public static NodeChangeView NodeChange(string action, RemoveStorageNodeResponse response) =>
        new(action, response.NodeId, response.MigrationId, response.Message, response.EstimatedCompletion, null);

    public static ReplicationChangeView ReplicationChange(UpdateReplicationFactorResponse response) => new(
        response.TenantId, response.OldReplicationFactor, response.NewReplicationFactor, response.MigrationId, response.UpdatedAt, null);

    public static KvMutationView Put(string tenantId, WriteKeyValueResponse response) => new(
        "put", tenantId, response.Key, response.IdempotencyKey, response.IsDuplicate, response.ReplicaCount, response.Consistency, Clock(response.VectorClock));

    public static KvMutationView Delete(string tenantId, DeleteKeyValueResponse response) => new(
        "delete", tenantId, response.Key, response.IdempotencyKey, response.IsDuplicate, response.ReplicaCount, response.Consistency, Clock(response.VectorClock));

    public static KvReadView Read(string tenantId, ReadKeyValueResponse response) => new(
        tenantId, response.Key, Value(response.Value), response.TimestampMicros, response.ExpiresAtMicros, Clock(response.VectorClock), Map(response.Siblings, Sibling));

    public static KvValueView Value(ByteString value)
    {
        var bytes = value.Span;
        return new KvValueView(Utf8.IsValid(bytes) ? Encoding.UTF8.GetString(bytes) : null, value.ToBase64(), bytes.Length);
    }

    public static IReadOnlyList<ClockEntryView> Clock(VectorClock? clock) =>
        clock is null ? [] : Map(clock.Entries, static e => new ClockEntryView(e.CoordinatorNodeId, e.LogicalTimestamp));

    private static RingNodeView RingNode(RingNodeShare node) => new(
        node.NodeId, node.Status, node.VirtualNodes, node.PrimaryShare, node.ReplicaShare, Percent(node.PrimaryShare), Percent(node.ReplicaShare));

    private static SiblingView Sibling(SiblingVersion sibling) => new(
        Value(sibling.Value), sibling.Tombstone, sibling.CoordinatorNodeId, sibling.TimestampMicros, sibling.ExpiresAtMicros, Clock(sibling.VectorClock));

    // Proto floats widened to double print as 33.33333206; two decimals is what the float actually carries for a percentage.
    private static double Round(float value) => Math.Round(value, 2);

    private static double Percent(double share) => Math.Round(share * 100, 2);

    private static T[] Map<TSource, T>(IReadOnlyList<TSource> source, Func<TSource, T> map)
    {
        var result = new T[source.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = map(source[i]);
        }

        return result;
    }
}
