using FluentAssertions;
using Google.Protobuf;
using PairDb.Cli.Commands;
using PairDb.Cli.Output.Tables;
using PairDb.Cli.Output.Views;
using PairDb.Cli.Tests.Support;
using PairDb.Protocol.Coordinator;

namespace PairDb.Cli.Tests.Output;

public sealed class TableRenderingTests
{
    [Fact]
    public void NodeList_Table_ShowsEveryNodeWithAddressAndCount()
    {
        // Act
        var text = Render.Text(NodeTables.List(ProtoViews.Nodes(Samples.Nodes())));

        // Assert
        text.Should().Contain("NODE").And.Contain("STATUS").And.Contain("DISK").And.Contain("HINTS");
        text.Should().Contain("storage-1").And.Contain("127.0.0.1:50061").And.Contain("1,200").And.Contain("12.5%");
        text.Should().Contain("storage-3").And.Contain("draining");
        text.Should().Contain("4 nodes");
    }

    [Fact]
    public void NodeList_RebuildingNode_Table_ShowsStatusAndSince()
    {
        // Act
        var text = Render.Text(NodeTables.List(ProtoViews.Nodes(Samples.NodesWithOneRebuilding())));

        // Assert
        text.Should().Contain("REBUILDING SINCE").And.Contain("rebuilding").And.Contain("2026-11-21 10:00:00Z");
    }

    [Fact]
    public void ClusterStatus_RebuildingNode_Table_ShowsItsOwnGroup()
    {
        // Arrange
        var view = ClusterStatusCommand.Compose("127.0.0.1:50051", Samples.NodesWithOneRebuilding(), Samples.Tenants(), null, Samples.Ring());

        // Act
        var text = Render.Text(ClusterStatusTable.Show(view));

        // Assert
        text.Should().Contain("1 (storage-1)").And.Contain("rebuilding").And.Contain("1 (storage-2)");
    }

    [Fact]
    public void TenantList_Table_ShowsTenantsAndUtcTimes()
    {
        // Act
        var text = Render.Text(TenantTables.List(ProtoViews.Tenants(Samples.Tenants())));

        // Assert
        text.Should().Contain("default").And.Contain("shop").And.Contain("2026-11-21 10:00:00Z").And.Contain("2 tenants");
    }

    [Fact]
    public void Tenant_Table_ShowsFields()
    {
        // Act
        var text = Render.Text(TenantTables.Single(ProtoViews.Tenant(Samples.Tenant("shop", 2))));

        // Assert
        text.Should().Contain("Tenant").And.Contain("shop").And.Contain("Replication factor").And.Contain("2026-11-21 11:00:00Z");
        text.Should().Contain("Requests per second").And.Contain("100").And.Contain("Bytes per second").And.Contain("unlimited");
    }

    [Fact]
    public void TenantLimitsChange_Table_MarksDefaultsAndUnlimited()
    {
        // Arrange
        var response = new SetTenantLimitsResponse { Success = true, TenantId = "shop", RequestsPerSecond = 2500, LimitsFromDefaults = true, UpdatedAt = Samples.CreatedAt };

        // Act
        var text = Render.Text(TenantTables.LimitsChange(ProtoViews.TenantLimits(response)));

        // Assert
        text.Should().Contain("shop").And.Contain("2,500 (default)").And.Contain("unlimited (default)");
    }

    [Fact]
    public void ReplicationChange_Table_ShowsOldToNew()
    {
        // Arrange
        var response = new UpdateReplicationFactorResponse { Success = true, TenantId = "shop", OldReplicationFactor = 2, NewReplicationFactor = 3, MigrationId = "m-3" };

        // Act
        var text = Render.Text(TenantTables.ReplicationChange(ProtoViews.ReplicationChange(response)));

        // Assert
        text.Should().Contain("2 -> 3").And.Contain("m-3");
    }

    [Fact]
    public void Ring_Table_ShowsPercentagesAndCaption()
    {
        // Act
        var text = Render.Text(RingTable.Show(ProtoViews.Ring(Samples.Ring(), "shop")));

        // Assert
        text.Should().Contain("PRIMARY").And.Contain("REPLICA");
        text.Should().Contain("34.1%").And.Contain("66.7%").And.Contain("33.0%");
        text.Should().Contain("ring version 17, replication factor 2 (tenant shop)");
    }

    [Fact]
    public void Migration_Table_ShowsProgressAndFailure()
    {
        // Act
        var text = Render.Text(MigrationTables.Status(ProtoViews.Migration(Samples.Migration("m-1", "failed", 40, 400, 1000, "storage-4 unreachable"))));

        // Assert
        text.Should().Contain("m-1").And.Contain("failed").And.Contain("40.0% (400/1,000 keys)").And.Contain("storage-4 unreachable");
    }

    [Fact]
    public void MigrationList_Table_ShowsRows()
    {
        // Arrange
        var response = new ListMigrationsResponse { Success = true, Migrations = { Samples.Migration("m-2", "in_progress", 5), Samples.Migration("m-1", "completed", 100, 1000) } };

        // Act
        var text = Render.Text(MigrationTables.List(ProtoViews.Migrations(response)));

        // Assert
        text.Should().Contain("MIGRATION").And.Contain("m-2").And.Contain("in_progress").And.Contain("m-1").And.Contain("100.0%");
    }

    [Fact]
    public void NodeChange_Table_ShowsMigrationId()
    {
        // Act
        var text = Render.Text(NodeTables.Change(ProtoViews.NodeChange("add", new AddStorageNodeResponse { NodeId = "storage-4", MigrationId = "m-9", Message = "streaming started" })));

        // Assert
        text.Should().Contain("storage-4").And.Contain("m-9").And.Contain("streaming started");
    }

    [Fact]
    public void ClusterStatus_Table_ShowsGroupsAndActiveMigrations()
    {
        // Arrange
        var view = ClusterStatusCommand.Compose(
            "127.0.0.1:50051", Samples.Nodes(), Samples.Tenants(), new ListMigrationsResponse { Migrations = { Samples.Migration("m-5", "in_progress", 20) } }, Samples.Ring());

        // Act
        var text = Render.Text(ClusterStatusTable.Show(view));

        // Assert
        text.Should().Contain("Storage nodes").And.Contain("active").And.Contain("2 (storage-1, storage-2)");
        text.Should().Contain("Tenants").And.Contain("Ring version").And.Contain("17");
        text.Should().Contain("m-5").And.Contain("20.0%");
    }

    [Fact]
    public void ClusterStatus_UnimplementedParts_ShownAsNotAvailable()
    {
        // Act
        var text = Render.Text(ClusterStatusTable.Show(ClusterStatusCommand.Compose("c:1", Samples.Nodes(), null, null, null)));

        // Assert
        text.Should().Contain(ClusterStatusTable.NotReported);
    }

    [Fact]
    public void KvMutation_Table_ShowsClockAndReplicas()
    {
        // Act
        var text = Render.Text(KvTables.Mutation(ProtoViews.Put("shop", Samples.Written("cart:1"))));

        // Assert
        text.Should().Contain("cart:1").And.Contain("written").And.Contain("3 acknowledged at quorum").And.Contain("coord-a:3, coord-b:1").And.Contain("idem-123");
    }

    [Fact]
    public void KvRead_Table_ShowsValueAndTime()
    {
        // Act
        var text = Render.Text(KvTables.Read(ProtoViews.Read("shop", Samples.Read("cart:1", "[red]not markup[/]"))));

        // Assert: the value is printed verbatim, never interpreted as Spectre markup.
        text.Should().Contain("[red]not markup[/]").And.Contain("2026-11-21 10:00:00.123Z").And.Contain("coord-a:3");
        text.Should().MatchRegex(@"Expires\s+never");
    }

    [Fact]
    public void KvRead_BinaryValueWithSiblings_PointsToJsonAndListsSiblings()
    {
        // Arrange
        var response = Samples.Read("k", "x");
        response.Value = ByteString.CopyFrom(0xff, 0x00);
        response.Siblings.Add(new SiblingVersion
        {
            Value = ByteString.CopyFromUtf8("older"), CoordinatorNodeId = "coord-b", VectorClock = Samples.Clock(("coord-b", 5)),
            TimestampMicros = Samples.CreatedAt * 1_000_000, ExpiresAtMicros = (Samples.CreatedAt + 60) * 1_000_000,
        });
        response.Siblings.Add(new SiblingVersion { Tombstone = true, CoordinatorNodeId = "coord-c", VectorClock = Samples.Clock(("coord-c", 1)) });

        // Act
        var text = Render.Text(KvTables.Read(ProtoViews.Read("t", response)));

        // Assert
        text.Should().Contain("<2 bytes, not UTF-8: use --output json for base64>");
        text.Should().Contain("SIBLING VALUE").And.Contain("older").And.Contain("<deleted>").And.Contain("coord-c");
        text.Should().Contain("EXPIRES").And.Contain("2026-11-21 10:01:00.000Z").And.Contain("never");
        text.Should().Contain("coord-b:5").And.Contain("coord-c:1");
    }

    [Fact]
    public void ClusterMembers_Table_FlagsReachabilityAndNotes()
    {
        // Act
        var text = Render.Text(ClusterTables.Members(ClusterViews.Members(Samples.Members())));

        // Assert
        text.Should().Contain("ADDRESS").And.Contain("REACHABLE").And.Contain("NOTES");
        text.Should().Contain("10.0.0.1:4053").And.Contain("self, leader, oldest");
        text.Should().Contain("10.0.0.2:4053").And.Contain("NO").And.Contain("coordinator");
        text.Should().Contain("3 members");
    }

    [Fact]
    public void ClusterShards_Table_ShardsPerMemberAndCaption()
    {
        // Act
        var text = Render.Text(ClusterTables.Shards(ClusterViews.Shards(Samples.Shards())));

        // Assert
        text.Should().Contain("3:12 17:1").And.Contain("1,500").And.Contain("41");
        text.Should().Contain("region keys: 3 shards, 1,513 entities");
    }
}
