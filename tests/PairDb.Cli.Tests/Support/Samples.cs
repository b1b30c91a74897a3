using Google.Protobuf;
using PairDb.Protocol.Coordinator;

namespace PairDb.Cli.Tests.Support;

/// <summary>Canned coordinator responses shared by the renderer and end-to-end tests.</summary>
public static class Samples
{
    // 2026-11-21 10:00:00Z.
    public const long CreatedAt = 1795255200;

    public static ListStorageNodesResponse Nodes() => new()
    {
        Success = true,
        Nodes =
        {
            Node("storage-1", "active", 1200),
            Node("storage-2", "active", 1100),
            Node("storage-3", "draining", 900),
            Node("storage-4", "joining", 0),
        },
    };

    /// <summary>As <see cref="Nodes"/>, with storage-2 rebuilding since <see cref="CreatedAt"/> after losing its data.</summary>
    public static ListStorageNodesResponse NodesWithOneRebuilding()
    {
        var response = Nodes();
        response.Nodes[1].Status = "rebuilding";
        response.Nodes[1].RebuildingSince = CreatedAt;
        return response;
    }

    public static StorageNodeInfo Node(string id, string status, long keys) => new()
    {
        NodeId = id,
        Host = "127.0.0.1",
        Port = 50060 + int.Parse(id[^1..], System.Globalization.CultureInfo.InvariantCulture),
        Status = status,
        VirtualNodes = 150,
        KeysCount = keys,
        DiskUsagePercent = 12.5f,
        PendingHints = keys / 100,
    };

    public static ListTenantsResponse Tenants() => new()
    {
        Success = true,
        Tenants =
        {
            new TenantInfo { TenantId = "default", ReplicationFactor = 3, CreatedAt = CreatedAt, UpdatedAt = CreatedAt },
            new TenantInfo { TenantId = "shop", ReplicationFactor = 2, CreatedAt = CreatedAt + 60, UpdatedAt = CreatedAt + 120, RequestsPerSecond = 250, LimitsFromDefaults = false },
        },
    };

    public static GetTenantResponse Tenant(string id = "shop", int rf = 2) => new()
    {
        Success = true,
        TenantId = id,
        ReplicationFactor = rf,
        CreatedAt = CreatedAt,
        UpdatedAt = CreatedAt + 3600,
        RequestsPerSecond = 100,
    };

    public static GetMigrationStatusResponse Migration(string id, string status, float percentage, long migrated = 0, long total = 1000, string reason = "") => new()
    {
        Success = true,
        MigrationId = id,
        Type = "add_node",
        NodeId = "storage-4",
        Status = status,
        Phase = status == "completed" ? "done" : "streaming",
        Progress = new MigrationProgress { KeysMigrated = migrated, TotalKeys = total, Percentage = percentage },
        StartedAt = CreatedAt,
        EstimatedCompletion = CreatedAt + 300,
        FinishedAt = status is "completed" or "failed" or "cancelled" ? CreatedAt + 240 : 0,
        FailureReason = reason,
        Owner = "coordinator-1",
    };

    public static GetRingResponse Ring() => new()
    {
        Success = true,
        ReplicationFactor = 2,
        RingVersion = 17,
        Nodes =
        {
            new RingNodeShare { NodeId = "storage-1", Status = "active", VirtualNodes = 150, PrimaryShare = 0.3412, ReplicaShare = 0.6671 },
            new RingNodeShare { NodeId = "storage-2", Status = "active", VirtualNodes = 150, PrimaryShare = 0.3301, ReplicaShare = 0.6702 },
            new RingNodeShare { NodeId = "storage-3", Status = "active", VirtualNodes = 150, PrimaryShare = 0.3287, ReplicaShare = 0.6627 },
        },
    };

    public static ListClusterMembersResponse Members() => new()
    {
        Success = true,
        Members =
        {
            new ClusterMember { Address = "10.0.0.1:4053", Status = "up", Reachable = true, Oldest = true, Leader = true, IsSelf = true },
            new ClusterMember { Address = "10.0.0.2:4053", Status = "up", Reachable = false, Roles = { "coordinator" } },
            new ClusterMember { Address = "10.0.0.3:4053", Status = "joining", Reachable = true },
        },
    };

    public static GetClusterShardsResponse Shards() => new()
    {
        Success = true,
        TypeName = "keys",
        Regions =
        {
            new ClusterShardRegion
            {
                Address = "10.0.0.1:4053",
                Shards = { new ClusterShard { ShardId = "3", EntityCount = 12 }, new ClusterShard { ShardId = "17", EntityCount = 1 } },
            },
            new ClusterShardRegion { Address = "10.0.0.2:4053", Shards = { new ClusterShard { ShardId = "8", EntityCount = 1500 } }, FailedShardIds = { "41" } },
        },
    };

    public static VectorClock Clock(params (string Node, long Counter)[] entries)
    {
        var clock = new VectorClock();
        foreach (var (node, counter) in entries)
        {
            clock.Entries.Add(new VectorClockEntry { CoordinatorNodeId = node, LogicalTimestamp = counter });
        }

        return clock;
    }

    public static WriteKeyValueResponse Written(string key) => new()
    {
        Success = true,
        Key = key,
        IdempotencyKey = "idem-123",
        VectorClock = Clock(("coord-a", 3), ("coord-b", 1)),
        ReplicaCount = 3,
        Consistency = "quorum",
    };

    public static ReadKeyValueResponse Read(string key, string value) => new()
    {
        Success = true,
        Key = key,
        Value = ByteString.CopyFromUtf8(value),
        VectorClock = Clock(("coord-a", 3)),
        TimestampMicros = CreatedAt * 1_000_000 + 123_000,
    };
}
