using FluentAssertions;
using Grpc.Core;
using PairDb.Cli.Tests.Support;
using PairDb.Protocol.Coordinator;

namespace PairDb.Cli.Tests.EndToEnd;

public sealed class NodeCommandsTests : EndToEndTest
{
    public NodeCommandsTests(FakeCoordinatorServer server)
        : base(server)
    {
    }

    [Fact]
    public async Task NodeList_Table_PrintsEveryNode()
    {
        // Arrange
        Fake.ListStorageNodes = static _ => Samples.Nodes();

        // Act
        var result = await Cli.RunAsync("node", "list");

        // Assert
        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain("storage-1").And.Contain("storage-4").And.Contain("joining").And.Contain("4 nodes");
        result.Stderr.Should().BeEmpty();
    }

    [Fact]
    public async Task NodeList_Json_PrintsOneDocument()
    {
        // Arrange
        Fake.ListStorageNodes = static _ => Samples.Nodes();

        // Act
        var result = await Cli.RunAsync("node", "list", "--output", "json");

        // Assert
        result.ExitCode.Should().Be(0, result.ToString());
        Json(result).GetProperty("nodes").GetArrayLength().Should().Be(4);
    }

    [Fact]
    public async Task NodeAdd_Options_SentInRequestAndMigrationIdPrinted()
    {
        // Arrange
        Fake.AddStorageNode = static r => new AddStorageNodeResponse { Success = true, NodeId = r.NodeId, MigrationId = "mig-add-1", Message = "joining" };

        // Act
        var result = await Cli.RunAsync("node", "add", "storage-4", "--host", "10.0.0.4", "--port", "50064", "--vnodes", "64");

        // Assert
        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain("mig-add-1");
        var request = Fake.Received<AddStorageNodeRequest>().Single();
        request.NodeId.Should().Be("storage-4");
        request.Host.Should().Be("10.0.0.4");
        request.Port.Should().Be(50064);
        request.VirtualNodes.Should().Be(64);
        Fake.Received<GetMigrationStatusRequest>().Should().BeEmpty("no --watch");
    }

    [Fact]
    public async Task NodeAdd_NoVnodes_LeavesTheDefaultToTheCoordinator()
    {
        // Arrange
        Fake.AddStorageNode = static r => new AddStorageNodeResponse { Success = true, NodeId = r.NodeId, MigrationId = "m" };

        // Act
        var result = await Cli.RunAsync("node", "add", "storage-4", "--host", "h", "--port", "1");

        // Assert
        result.ExitCode.Should().Be(0, result.ToString());
        Fake.Received<AddStorageNodeRequest>().Single().VirtualNodes.Should().Be(0);
    }

    [Fact]
    public async Task NodeAdd_WatchUntilCompleted_ExitsZeroWithProgressAndFinalStatus()
    {
        // Arrange: each status poll advances the migration.
        Fake.AddStorageNode = static r => new AddStorageNodeResponse { Success = true, NodeId = r.NodeId, MigrationId = "mig-add-2" };
        var polls = 0;
        Fake.GetMigrationStatus = r => ++polls switch
        {
            1 => Samples.Migration(r.MigrationId, "pending", 0, 0),
            2 => Samples.Migration(r.MigrationId, "in_progress", 50, 500),
            _ => Samples.Migration(r.MigrationId, "completed", 100, 1000),
        };

        // Act
        var result = await Cli.RunAsync("node", "add", "storage-4", "--host", "h", "--port", "50064", "--watch", "--interval", "10ms");

        // Assert
        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain("migration mig-add-2: in_progress, streaming, 50.0% (500/1,000 keys)");
        result.Stdout.Should().Contain("migration mig-add-2: completed, done, 100.0%");
        Fake.Received<GetMigrationStatusRequest>().Should().HaveCount(3).And.OnlyContain(static r => r.MigrationId == "mig-add-2");
    }

    [Fact]
    public async Task NodeAdd_WatchJson_OneDocumentWithFinalMigration()
    {
        // Arrange
        Fake.AddStorageNode = static r => new AddStorageNodeResponse { Success = true, NodeId = r.NodeId, MigrationId = "mig-add-3" };
        Fake.GetMigrationStatus = static r => Samples.Migration(r.MigrationId, "completed", 100, 1000);

        // Act
        var result = await Cli.RunAsync("node", "add", "storage-4", "--host", "h", "--port", "1", "--watch", "--interval", "10ms", "-o", "json");

        // Assert
        result.ExitCode.Should().Be(0, result.ToString());
        var json = Json(result);
        json.GetProperty("migration_id").GetString().Should().Be("mig-add-3");
        json.GetProperty("migration").GetProperty("status").GetString().Should().Be("completed");
    }

    [Fact]
    public async Task NodeAdd_WatchButNoMigration_ExitsZeroWithoutPolling()
    {
        // Arrange
        Fake.AddStorageNode = static r => new AddStorageNodeResponse { Success = true, NodeId = r.NodeId, MigrationId = string.Empty, Message = "no data yet" };

        // Act
        var result = await Cli.RunAsync("node", "add", "storage-4", "--host", "h", "--port", "1", "--watch");

        // Assert
        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain("nothing to watch");
        Fake.Received<GetMigrationStatusRequest>().Should().BeEmpty();
    }

    [Fact]
    public async Task NodeAdd_AlreadyExists_ExitsRejected()
    {
        // Arrange
        Fake.AddStorageNode = static _ => throw new RpcException(new Status(StatusCode.AlreadyExists, "Storage node 'storage-1' already exists."));

        // Act
        var result = await Cli.RunAsync("node", "add", "storage-1", "--host", "h", "--port", "1");

        // Assert
        result.ExitCode.Should().Be(3);
        result.Stderr.Should().Be("pairdb: add storage node storage-1: ALREADY_EXISTS: Storage node 'storage-1' already exists." + Environment.NewLine);
        result.Stdout.Should().BeEmpty();
    }

    [Theory]
    [InlineData(new[] { "node", "remove", "storage-2" }, false)]
    [InlineData(new[] { "node", "remove", "storage-2", "--force" }, true)]
    [InlineData(new[] { "node", "drain", "storage-2" }, false)]
    public async Task NodeRemoveAndDrain_SendForceOnlyWhenAsked(string[] args, bool expectedForce)
    {
        // Arrange
        Fake.RemoveStorageNode = static r => new RemoveStorageNodeResponse { Success = true, NodeId = r.NodeId, MigrationId = r.Force ? string.Empty : "mig-rm-1" };

        // Act
        var result = await Cli.RunAsync(args);

        // Assert
        result.ExitCode.Should().Be(0, result.ToString());
        var request = Fake.Received<RemoveStorageNodeRequest>().Single();
        request.NodeId.Should().Be("storage-2");
        request.Force.Should().Be(expectedForce);
        if (!expectedForce)
        {
            result.Stdout.Should().Contain("mig-rm-1");
        }
    }

    [Fact]
    public async Task NodeDrain_WatchFails_ExitsFiveWithReason()
    {
        // Arrange
        Fake.RemoveStorageNode = static r => new RemoveStorageNodeResponse { Success = true, NodeId = r.NodeId, MigrationId = "mig-drain" };
        Fake.GetMigrationStatus = static r => Samples.Migration(r.MigrationId, "failed", 30, 300, reason: "storage-3 stopped answering");

        // Act
        var result = await Cli.RunAsync("node", "drain", "storage-2", "--watch", "--interval", "10ms");

        // Assert
        result.ExitCode.Should().Be(5, result.ToString());
        result.Stderr.Should().Be("pairdb: migration mig-drain: failed: storage-3 stopped answering" + Environment.NewLine);
    }

    [Fact]
    public async Task NodeRemove_FailedPrecondition_ExitsRejected()
    {
        // Arrange
        Fake.RemoveStorageNode = static _ => throw new RpcException(new Status(StatusCode.FailedPrecondition, "Removing storage-1 leaves 2 active nodes, below tenant 'default' RF 3."));

        // Act
        var result = await Cli.RunAsync("node", "remove", "storage-1");

        // Assert
        result.ExitCode.Should().Be(3);
        result.Stderr.Should().StartWith("pairdb: remove storage node storage-1: FAILED_PRECONDITION: Removing storage-1 leaves 2 active nodes");
    }
}
