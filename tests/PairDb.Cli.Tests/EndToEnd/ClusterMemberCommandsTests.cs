using FluentAssertions;
using Grpc.Core;
using PairDb.Cli.Tests.Support;
using PairDb.Protocol.Coordinator;

namespace PairDb.Cli.Tests.EndToEnd;

/// <summary>`cluster members|leave|down|shards` against the fake coordinator.</summary>
public sealed class ClusterMemberCommandsTests : EndToEndTest
{
    public ClusterMemberCommandsTests(FakeCoordinatorServer server)
        : base(server)
    {
    }

    [Fact]
    public async Task ClusterMembers_Table_EveryMemberWithNotesAndCount()
    {
        // Arrange
        Fake.ListClusterMembers = static _ => Samples.Members();

        // Act
        var result = await Cli.RunAsync("cluster", "members");

        // Assert
        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain("10.0.0.1:4053").And.Contain("self, leader, oldest").And.Contain("NO").And.Contain("joining").And.Contain("3 members");
        result.Stderr.Should().BeEmpty();
    }

    [Fact]
    public async Task ClusterMembers_Json_OneDocument()
    {
        // Arrange
        Fake.ListClusterMembers = static _ => Samples.Members();

        // Act
        var result = await Cli.RunAsync("cluster", "members", "-o", "json");

        // Assert
        result.ExitCode.Should().Be(0, result.ToString());
        var members = Json(result).GetProperty("members");
        members.GetArrayLength().Should().Be(3);
        members[0].GetProperty("is_self").GetBoolean().Should().BeTrue();
        members[1].GetProperty("reachable").GetBoolean().Should().BeFalse();
    }

    [Fact]
    public async Task ClusterMembers_OlderCoordinator_ExitsSixUnimplemented()
    {
        // Act: the fake leaves ListClusterMembers unset, as a coordinator without it.
        var result = await Cli.RunAsync("cluster", "members");

        // Assert
        result.ExitCode.Should().Be(6);
        result.Stderr.Should().StartWith("pairdb: list cluster members: UNIMPLEMENTED:");
    }

    [Theory]
    [InlineData("leave")]
    [InlineData("down")]
    public async Task ClusterLeaveOrDown_Accepted_SendsAddressAndPrintsStatus(string action)
    {
        // Arrange
        Fake.LeaveClusterMember = static r => new LeaveClusterMemberResponse { Success = true, Address = r.Address, Status = "up" };
        Fake.DownClusterMember = static r => new DownClusterMemberResponse { Success = true, Address = r.Address, Status = "up" };

        // Act
        var result = await Cli.RunAsync("cluster", action, "10.0.0.2:4053", "-o", "json");

        // Assert
        result.ExitCode.Should().Be(0, result.ToString());
        var json = Json(result);
        json.GetProperty("action").GetString().Should().Be(action);
        json.GetProperty("address").GetString().Should().Be("10.0.0.2:4053");
        json.GetProperty("status").GetString().Should().Be("up");
        var sent = action == "leave" ? Fake.Received<LeaveClusterMemberRequest>().Single().Address : Fake.Received<DownClusterMemberRequest>().Single().Address;
        sent.Should().Be("10.0.0.2:4053");
    }

    [Fact]
    public async Task ClusterDown_Table_ShowsMemberAndAction()
    {
        // Arrange
        Fake.DownClusterMember = static r => new DownClusterMemberResponse { Success = true, Address = r.Address, Status = "up" };

        // Act
        var result = await Cli.RunAsync("cluster", "down", "10.0.0.2:4053");

        // Assert
        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain("10.0.0.2:4053").And.Contain("down").And.Contain("Status when accepted");
    }

    [Fact]
    public async Task ClusterDown_UnknownMember_ExitsNotFound()
    {
        // Arrange
        Fake.DownClusterMember = static r => throw new RpcException(new Status(StatusCode.NotFound, $"No cluster member at '{r.Address}'."));

        // Act
        var result = await Cli.RunAsync("cluster", "down", "10.0.0.9:4053");

        // Assert
        result.ExitCode.Should().Be(2);
        result.Stderr.Should().Be("pairdb: down cluster member 10.0.0.9:4053: NOT_FOUND: No cluster member at '10.0.0.9:4053'." + Environment.NewLine);
    }

    [Fact]
    public async Task ClusterLeave_Rejected_ExitsThree()
    {
        // Arrange
        Fake.LeaveClusterMember = static _ => throw new RpcException(new Status(StatusCode.InvalidArgument, "address 'x' is not host:port."));

        // Act
        var result = await Cli.RunAsync("cluster", "leave", "10.0.0.2:4053");

        // Assert
        result.ExitCode.Should().Be(3);
        result.Stderr.Should().StartWith("pairdb: leave cluster member 10.0.0.2:4053: INVALID_ARGUMENT:");
    }

    [Fact]
    public async Task ClusterLeave_MalformedNode_ExitsUsageWithoutCalling()
    {
        // Act
        var result = await Cli.RunAsync("cluster", "leave", "akka.tcp://pairdb@10.0.0.2:4053");

        // Assert
        result.ExitCode.Should().Be(1);
        result.Stderr.Should().Contain("NODE").And.Contain("HOST:PORT");
        Fake.Received<LeaveClusterMemberRequest>().Should().BeEmpty();
    }

    [Fact]
    public async Task ClusterShards_Table_RegionsWithShardsAndTotals()
    {
        // Arrange
        Fake.GetClusterShards = static _ => Samples.Shards();

        // Act
        var result = await Cli.RunAsync("cluster", "shards");

        // Assert
        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain("3:12 17:1").And.Contain("8:1500").And.Contain("41").And.Contain("region keys: 3 shards, 1,513 entities");
    }

    [Fact]
    public async Task ClusterShards_Json_RegionsWithTotals()
    {
        // Arrange
        Fake.GetClusterShards = static _ => Samples.Shards();

        // Act
        var result = await Cli.RunAsync("cluster", "shards", "--output", "json");

        // Assert
        result.ExitCode.Should().Be(0, result.ToString());
        var json = Json(result);
        json.GetProperty("type_name").GetString().Should().Be("keys");
        json.GetProperty("entity_count").GetInt64().Should().Be(1513);
        json.GetProperty("regions")[0].GetProperty("shards")[0].GetProperty("shard_id").GetString().Should().Be("3");
    }

    [Fact]
    public async Task ClusterShards_StatisticsUnavailable_ExitsFour()
    {
        // Arrange
        Fake.GetClusterShards = static _ => throw new RpcException(new Status(StatusCode.Unavailable, "No shard statistics for region 'keys'."));

        // Act
        var result = await Cli.RunAsync("cluster", "shards");

        // Assert
        result.ExitCode.Should().Be(4);
        result.Stderr.Should().Be("pairdb: cluster shards: UNAVAILABLE: No shard statistics for region 'keys'." + Environment.NewLine);
        result.Stdout.Should().BeEmpty();
    }
}
