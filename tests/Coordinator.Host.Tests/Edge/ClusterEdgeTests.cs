using FluentAssertions;
using Google.Protobuf;
using Grpc.Core;
using PairDb.Actors.Keys;
using PairDb.Coordinator.Edge;
using PairDb.Coordinator.Tests.Infrastructure;
using PairDb.Protocol.Coordinator;
using AkkaCluster = Akka.Cluster.Cluster;

namespace PairDb.Coordinator.Tests.Edge;

/// <summary>
/// The cluster admin methods against a real one-node coordinator cluster whose key actors stay live for the length
/// of a test (no idle passivation), so entity counts are exactly the keys written.
/// </summary>
public sealed class ClusterEdgeTests : IAsyncLifetime
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);
    private InProcessCoordinator? _coordinator;

    private InProcessCoordinator Coordinator => _coordinator ?? throw new InvalidOperationException("The coordinator starts in InitializeAsync.");

    private string SelfAddress => ClusterAddresses.Format(AkkaCluster.Get(Coordinator.Runtime.Edge.System).SelfAddress);

    public async Task InitializeAsync() =>
        _coordinator = await InProcessCoordinator.StartAsync(configure: static o => o with { PassivateAfter = TimeSpan.FromMinutes(10) });

    public async Task DisposeAsync()
    {
        if (_coordinator is not null)
        {
            await _coordinator.DisposeAsync();
        }
    }

    [Fact]
    public async Task ListClusterMembers_OneNodeCluster_ExactlySelfUpOldestLeader()
    {
        // Act
        var response = await Coordinator.Client.ListClusterMembersAsync(new ListClusterMembersRequest(), deadline: Deadline());

        // Assert
        response.Success.Should().BeTrue();
        var member = response.Members.Should().ContainSingle().Which;
        member.Address.Should().Be(SelfAddress).And.StartWith("127.0.0.1:");
        member.Status.Should().Be("up");
        member.IsSelf.Should().BeTrue();
        member.Reachable.Should().BeTrue();
        member.Oldest.Should().BeTrue();
        member.Leader.Should().BeTrue();
    }

    [Fact]
    public async Task GetClusterShards_AfterWrites_ShardsOfTheWrittenKeysWithTheirEntityCounts()
    {
        // Arrange
        var keys = Enumerable.Range(0, 12).Select(static i => "shard-key-" + i).ToArray();
        foreach (var key in keys)
        {
            await Coordinator.Client.WriteKeyValueAsync(
                new WriteKeyValueRequest { TenantId = "default", Key = key, Value = ByteString.CopyFromUtf8("v") }, deadline: Deadline());
        }

        var expected = keys.GroupBy(static key => KeyShards.ShardOf("default", key).ToString(System.Globalization.CultureInfo.InvariantCulture))
            .ToDictionary(static g => g.Key, static g => g.Count());

        // Act
        var response = await Coordinator.Client.GetClusterShardsAsync(new GetClusterShardsRequest(), deadline: Deadline());

        // Assert
        response.TypeName.Should().Be("keys");
        var region = response.Regions.Should().ContainSingle().Which;
        region.Address.Should().Be(SelfAddress);
        region.FailedShardIds.Should().BeEmpty();
        region.Shards.ToDictionary(static s => s.ShardId, static s => s.EntityCount).Should().Equal(expected);
    }

    [Theory]
    [InlineData("leave")]
    [InlineData("down")]
    public async Task LeaveOrDown_UnknownAddress_NotFoundNamingIt(string action)
    {
        // Act
        var error = await CallAsync(action, "127.0.0.1:1");

        // Assert
        error.StatusCode.Should().Be(StatusCode.NotFound);
        error.Status.Detail.Should().Contain("'127.0.0.1:1'");
    }

    [Theory]
    [InlineData("leave", "")]
    [InlineData("leave", "no-port")]
    [InlineData("down", "host:0")]
    [InlineData("down", "akka.tcp://pairdb@127.0.0.1:4053")]
    [InlineData("down", "::1:4053")]
    public async Task LeaveOrDown_MalformedAddress_InvalidArgument(string action, string address)
    {
        // Act
        var error = await CallAsync(action, address);

        // Assert
        error.StatusCode.Should().Be(StatusCode.InvalidArgument);
        error.Status.Detail.Should().Contain("address");
    }

    private static DateTime Deadline() => DateTime.UtcNow + CallTimeout;

    private async Task<RpcException> CallAsync(string action, string address)
    {
        Func<Task> call = action == "leave"
            ? async () => await Coordinator.Client.LeaveClusterMemberAsync(new LeaveClusterMemberRequest { Address = address }, deadline: Deadline())
            : async () => await Coordinator.Client.DownClusterMemberAsync(new DownClusterMemberRequest { Address = address }, deadline: Deadline());
        return (await call.Should().ThrowAsync<RpcException>()).Which;
    }
}
