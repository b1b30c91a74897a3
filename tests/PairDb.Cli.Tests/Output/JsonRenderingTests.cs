using System.Text.Json;
using FluentAssertions;
using Google.Protobuf;
using PairDb.Cli.Commands;
using PairDb.Cli.Output;
using PairDb.Cli.Output.Views;
using PairDb.Cli.Tests.Support;
using PairDb.Protocol.Coordinator;

namespace PairDb.Cli.Tests.Output;

/// <summary>The JSON property names are a contract with scripts: these tests pin them.</summary>
public sealed class JsonRenderingTests
{
    [Fact]
    public void NodeList_Json_HasSnakeCaseNodeFields()
    {
        // Act
        var json = Parse(JsonSerializer.Serialize(ProtoViews.Nodes(Samples.Nodes()), CliJson.Output.NodeListView));

        // Assert
        var node = json.GetProperty("nodes")[0];
        Names(node).Should().Equal("node_id", "host", "port", "status", "virtual_nodes", "keys_count", "disk_usage_percent", "pending_hints", "rebuilding_since");
        node.GetProperty("node_id").GetString().Should().Be("storage-1");
        node.GetProperty("port").GetInt32().Should().Be(50061);
        node.GetProperty("keys_count").GetInt64().Should().Be(1200);
        node.GetProperty("disk_usage_percent").GetDouble().Should().Be(12.5);
        node.GetProperty("pending_hints").GetInt64().Should().Be(12);
        node.GetProperty("rebuilding_since").GetInt64().Should().Be(0);
        json.GetProperty("nodes").GetArrayLength().Should().Be(4);
    }

    [Fact]
    public void NodeList_RebuildingNode_Json_CarriesStatusAndSince()
    {
        // Act
        var json = Parse(JsonSerializer.Serialize(ProtoViews.Nodes(Samples.NodesWithOneRebuilding()), CliJson.Output.NodeListView));

        // Assert
        var node = json.GetProperty("nodes")[1];
        node.GetProperty("node_id").GetString().Should().Be("storage-2");
        node.GetProperty("status").GetString().Should().Be("rebuilding");
        node.GetProperty("rebuilding_since").GetInt64().Should().Be(Samples.CreatedAt);
    }

    [Fact]
    public void TenantList_Json_HasTenantFields()
    {
        // Act
        var json = Parse(JsonSerializer.Serialize(ProtoViews.Tenants(Samples.Tenants()), CliJson.Output.TenantListView));

        // Assert
        var tenant = json.GetProperty("tenants")[1];
        Names(tenant).Should().Equal("tenant_id", "replication_factor", "created_at", "updated_at", "limits");
        tenant.GetProperty("tenant_id").GetString().Should().Be("shop");
        tenant.GetProperty("replication_factor").GetInt32().Should().Be(2);
        tenant.GetProperty("updated_at").GetInt64().Should().Be(Samples.CreatedAt + 120);
        tenant.GetProperty("limits").GetProperty("requests_per_second").GetInt64().Should().Be(250);
    }

    [Fact]
    public void Migration_Json_FlattensProgress()
    {
        // Act
        var json = Parse(JsonSerializer.Serialize(ProtoViews.Migration(Samples.Migration("m-1", "in_progress", 42.5f, 425)), CliJson.Output.MigrationView));

        // Assert
        Names(json).Should().Equal(
            "migration_id", "type", "node_id", "status", "phase", "keys_migrated", "total_keys", "percentage",
            "started_at", "estimated_completion", "finished_at", "failure_reason", "owner");
        json.GetProperty("percentage").GetDouble().Should().Be(42.5);
        json.GetProperty("owner").GetString().Should().Be("coordinator-1");
        json.GetProperty("keys_migrated").GetInt64().Should().Be(425);
    }

    [Fact]
    public void Migration_FloatPercentage_RoundedToTwoDecimals()
    {
        // Act: 33.333332f widened to double would print 33.33333206176758.
        var view = ProtoViews.Migration(Samples.Migration("m-1", "in_progress", 100f / 3));

        // Assert
        view.Percentage.Should().Be(33.33);
    }

    [Fact]
    public void MigrationList_Json_ListsMigrationsNewestFirst()
    {
        // Arrange
        var response = new ListMigrationsResponse { Success = true, Migrations = { Samples.Migration("m-2", "in_progress", 5), Samples.Migration("m-1", "completed", 100) } };

        // Act
        var json = Parse(JsonSerializer.Serialize(ProtoViews.Migrations(response), CliJson.Output.MigrationListView));

        // Assert
        Names(json).Should().Equal("migrations");
        json.GetProperty("migrations").EnumerateArray().Select(static m => m.GetProperty("migration_id").GetString()).Should().Equal("m-2", "m-1");
    }

    [Fact]
    public void Tenant_Json_HasTenantFields()
    {
        // Act
        var json = Parse(JsonSerializer.Serialize(ProtoViews.Tenant(Samples.Tenant("shop", 2)), CliJson.Output.TenantView));

        // Assert
        Names(json).Should().Equal("tenant_id", "replication_factor", "created_at", "updated_at", "limits");
        json.GetProperty("updated_at").GetInt64().Should().Be(Samples.CreatedAt + 3600);
        Names(json.GetProperty("limits")).Should().Equal("requests_per_second", "bytes_per_second", "from_defaults");
        json.GetProperty("limits").GetProperty("requests_per_second").GetInt64().Should().Be(100);
        json.GetProperty("limits").GetProperty("from_defaults").GetBoolean().Should().BeFalse();
    }

    [Fact]
    public void CreatedTenant_Json_HasNullLimits()
    {
        // Act
        var json = Parse(JsonSerializer.Serialize(ProtoViews.Tenant(new CreateTenantResponse { Success = true, TenantId = "shop", ReplicationFactor = 2 }), CliJson.Output.TenantView));

        // Assert
        json.GetProperty("limits").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public void TenantLimitsChange_Json_HasTenantLimitsAndTime()
    {
        // Arrange
        var response = new SetTenantLimitsResponse { Success = true, TenantId = "shop", BytesPerSecond = 4096, LimitsFromDefaults = true, UpdatedAt = Samples.CreatedAt };

        // Act
        var json = Parse(JsonSerializer.Serialize(ProtoViews.TenantLimits(response), CliJson.Output.TenantLimitsChangeView));

        // Assert
        Names(json).Should().Equal("tenant_id", "limits", "updated_at");
        json.GetProperty("limits").GetProperty("requests_per_second").GetInt64().Should().Be(0);
        json.GetProperty("limits").GetProperty("bytes_per_second").GetInt64().Should().Be(4096);
        json.GetProperty("limits").GetProperty("from_defaults").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public void Ring_Json_HasSharesAndPercentages()
    {
        // Act
        var json = Parse(JsonSerializer.Serialize(ProtoViews.Ring(Samples.Ring(), "shop"), CliJson.Output.RingView));

        // Assert
        Names(json).Should().Equal("tenant_id", "replication_factor", "ring_version", "nodes");
        json.GetProperty("tenant_id").GetString().Should().Be("shop");
        var node = json.GetProperty("nodes")[0];
        Names(node).Should().Equal("node_id", "status", "virtual_nodes", "primary_share", "replica_share", "primary_percent", "replica_percent");
        node.GetProperty("primary_share").GetDouble().Should().Be(0.3412);
        node.GetProperty("primary_percent").GetDouble().Should().Be(34.12);
        node.GetProperty("replica_percent").GetDouble().Should().Be(66.71);
    }

    [Fact]
    public void Ring_NoTenant_TenantIdIsNull()
    {
        // Act
        var json = Parse(JsonSerializer.Serialize(ProtoViews.Ring(Samples.Ring(), null), CliJson.Output.RingView));

        // Assert
        json.GetProperty("tenant_id").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public void NodeChange_Json_CarriesMigrationWhenWatched()
    {
        // Arrange
        var change = ProtoViews.NodeChange("add", new AddStorageNodeResponse { Success = true, NodeId = "storage-4", MigrationId = "m-9", Message = "joining" });
        var watched = change with { Migration = ProtoViews.Migration(Samples.Migration("m-9", "completed", 100, 1000)) };

        // Act
        var plain = Parse(JsonSerializer.Serialize(change, CliJson.Output.NodeChangeView));
        var withMigration = Parse(JsonSerializer.Serialize(watched, CliJson.Output.NodeChangeView));

        // Assert
        Names(plain).Should().Equal("action", "node_id", "migration_id", "message", "estimated_completion", "migration");
        plain.GetProperty("migration").ValueKind.Should().Be(JsonValueKind.Null);
        withMigration.GetProperty("migration").GetProperty("status").GetString().Should().Be("completed");
    }

    [Fact]
    public void ReplicationChange_Json_HasOldAndNewFactor()
    {
        // Arrange
        var response = new UpdateReplicationFactorResponse { Success = true, TenantId = "shop", OldReplicationFactor = 2, NewReplicationFactor = 3, MigrationId = "m-3", UpdatedAt = 5 };

        // Act
        var json = Parse(JsonSerializer.Serialize(ProtoViews.ReplicationChange(response), CliJson.Output.ReplicationChangeView));

        // Assert
        Names(json).Should().Equal("tenant_id", "old_replication_factor", "new_replication_factor", "migration_id", "updated_at", "migration");
        json.GetProperty("old_replication_factor").GetInt32().Should().Be(2);
        json.GetProperty("new_replication_factor").GetInt32().Should().Be(3);
    }

    [Fact]
    public void ClusterStatus_Json_GroupsNodesByStatus()
    {
        // Arrange
        var view = ClusterStatusCommand.Compose(
            "127.0.0.1:50051",
            Samples.Nodes(),
            Samples.Tenants(),
            new ListMigrationsResponse { Success = true, Migrations = { Samples.Migration("m-1", "in_progress", 10) } },
            Samples.Ring());

        // Act
        var json = Parse(JsonSerializer.Serialize(view, CliJson.Output.ClusterStatusView));

        // Assert
        Names(json).Should().Equal("coordinator", "node_count", "nodes_by_status", "tenant_count", "ring_version", "active_migrations", "unavailable");
        json.GetProperty("node_count").GetInt32().Should().Be(4);
        var groups = json.GetProperty("nodes_by_status");
        groups.GetArrayLength().Should().Be(3);
        groups[0].GetProperty("status").GetString().Should().Be("active");
        groups[0].GetProperty("count").GetInt32().Should().Be(2);
        groups[0].GetProperty("node_ids").EnumerateArray().Select(static e => e.GetString()).Should().Equal("storage-1", "storage-2");
        json.GetProperty("tenant_count").GetInt32().Should().Be(2);
        json.GetProperty("ring_version").GetInt64().Should().Be(17);
        json.GetProperty("active_migrations")[0].GetProperty("migration_id").GetString().Should().Be("m-1");
        json.GetProperty("unavailable").GetArrayLength().Should().Be(0);
    }

    [Fact]
    public void ClusterStatus_UnimplementedParts_AreNullAndNamed()
    {
        // Arrange
        var view = ClusterStatusCommand.Compose("127.0.0.1:50051", Samples.Nodes(), null, null, null);

        // Act
        var json = Parse(JsonSerializer.Serialize(view, CliJson.Output.ClusterStatusView));

        // Assert
        json.GetProperty("tenant_count").ValueKind.Should().Be(JsonValueKind.Null);
        json.GetProperty("ring_version").ValueKind.Should().Be(JsonValueKind.Null);
        json.GetProperty("active_migrations").ValueKind.Should().Be(JsonValueKind.Null);
        json.GetProperty("unavailable").EnumerateArray().Select(static e => e.GetString()).Should().Equal("ListTenants", "ListMigrations", "GetRing");
    }

    [Fact]
    public void KvPut_Json_HasClockAndIdempotencyKey()
    {
        // Act
        var json = Parse(JsonSerializer.Serialize(ProtoViews.Put("shop", Samples.Written("cart:1")), CliJson.Output.KvMutationView));

        // Assert
        Names(json).Should().Equal("operation", "tenant_id", "key", "idempotency_key", "is_duplicate", "replica_count", "consistency", "vector_clock");
        json.GetProperty("operation").GetString().Should().Be("put");
        json.GetProperty("vector_clock")[0].GetProperty("coordinator_node_id").GetString().Should().Be("coord-a");
        json.GetProperty("vector_clock")[0].GetProperty("logical_timestamp").GetInt64().Should().Be(3);
    }

    [Fact]
    public void KvGet_Json_GivesTextAndBase64()
    {
        // Act
        var json = Parse(JsonSerializer.Serialize(ProtoViews.Read("shop", Samples.Read("cart:1", "3 items + 1")), CliJson.Output.KvReadView));

        // Assert
        Names(json).Should().Equal("tenant_id", "key", "value", "timestamp_micros", "expires_at_micros", "vector_clock", "siblings");
        var value = json.GetProperty("value");
        Names(value).Should().Equal("text", "base64", "length");
        value.GetProperty("text").GetString().Should().Be("3 items + 1");
        value.GetProperty("base64").GetString().Should().Be(Convert.ToBase64String("3 items + 1"u8.ToArray()));
    }

    [Fact]
    public void KvGet_BinaryValueAndSiblings_TextNullBase64Kept()
    {
        // Arrange
        var response = Samples.Read("k", "x");
        response.Value = ByteString.CopyFrom(0xff, 0xfe, 0x00);
        response.Siblings.Add(new SiblingVersion
        {
            Value = ByteString.CopyFromUtf8("old"), CoordinatorNodeId = "coord-b", TimestampMicros = 7, Tombstone = false, ExpiresAtMicros = 9,
            VectorClock = Samples.Clock(("coord-b", 2)),
        });

        // Act
        var json = Parse(JsonSerializer.Serialize(ProtoViews.Read("t", response), CliJson.Output.KvReadView));

        // Assert
        json.GetProperty("value").GetProperty("text").ValueKind.Should().Be(JsonValueKind.Null);
        json.GetProperty("value").GetProperty("base64").GetString().Should().Be("//4A");
        var sibling = json.GetProperty("siblings")[0];
        Names(sibling).Should().Equal("value", "tombstone", "coordinator_node_id", "timestamp_micros", "expires_at_micros", "vector_clock");
        sibling.GetProperty("value").GetProperty("text").GetString().Should().Be("old");
        sibling.GetProperty("expires_at_micros").GetInt64().Should().Be(9);
        sibling.GetProperty("vector_clock")[0].GetProperty("logical_timestamp").GetInt64().Should().Be(2);
    }

    [Fact]
    public void ClusterMembers_Json_HasMemberFields()
    {
        // Act
        var json = Parse(JsonSerializer.Serialize(ClusterViews.Members(Samples.Members()), CliJson.Output.ClusterMemberListView));

        // Assert
        var member = json.GetProperty("members")[1];
        Names(member).Should().Equal("address", "status", "roles", "reachable", "oldest", "leader", "is_self");
        member.GetProperty("address").GetString().Should().Be("10.0.0.2:4053");
        member.GetProperty("roles")[0].GetString().Should().Be("coordinator");
        member.GetProperty("reachable").GetBoolean().Should().BeFalse();
    }

    [Fact]
    public void ClusterMemberChange_Json_HasActionAddressStatus()
    {
        // Act
        var view = ClusterViews.Change("down", new DownClusterMemberResponse { Success = true, Address = "10.0.0.2:4053", Status = "up" });
        var json = Parse(JsonSerializer.Serialize(view, CliJson.Output.ClusterMemberChangeView));

        // Assert
        Names(json).Should().Equal("action", "address", "status");
        json.GetProperty("action").GetString().Should().Be("down");
    }

    [Fact]
    public void ClusterShards_Json_RegionsShardsAndTotals()
    {
        // Act
        var json = Parse(JsonSerializer.Serialize(ClusterViews.Shards(Samples.Shards()), CliJson.Output.ClusterShardsView));

        // Assert
        Names(json).Should().Equal("type_name", "shard_count", "entity_count", "regions");
        json.GetProperty("shard_count").GetInt32().Should().Be(3);
        json.GetProperty("entity_count").GetInt64().Should().Be(1513);
        var region = json.GetProperty("regions")[1];
        Names(region).Should().Equal("address", "shard_count", "entity_count", "shards", "failed_shard_ids");
        Names(region.GetProperty("shards")[0]).Should().Equal("shard_id", "entity_count");
        region.GetProperty("failed_shard_ids")[0].GetString().Should().Be("41");
    }

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement;

    private static string[] Names(JsonElement element) => [.. element.EnumerateObject().Select(static p => p.Name)];
}
