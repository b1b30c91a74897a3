using System.Net;
using System.Net.Sockets;
using FluentAssertions;
using PairDb.Actors.Cores;
using PairDb.Actors.Ports;
using PairDb.Coordinator.Replicas;
using PairDb.Messages.Values;

namespace PairDb.Coordinator.Tests.Replicas;

/// <summary>The replica client against a real storage node over loopback gRPC, and against nodes that fail.</summary>
public sealed class GrpcReplicaClientTests : IClassFixture<StorageNodeFixture>, IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly StorageNodeFixture _fixture;
    private readonly GrpcReplicaClient _client = new();

    public GrpcReplicaClientTests(StorageNodeFixture fixture) => _fixture = fixture;

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task WriteAsync_ThenReadAsync_ReturnsTheVersionWithItsClockAndStamp()
    {
        var version = Version([1, 2, 3], ("coord-a", 2), ("coord-b", 5));

        var write = await _client.WriteAsync(_fixture.Node, "t1", "round-trip", version, Timeout, CancellationToken.None);
        var read = await _client.ReadAsync(_fixture.Node, "t1", "round-trip", Timeout, CancellationToken.None);

        write.Should().Be(ReplicaWriteResult.Success(StorageNodeFixture.NodeId));
        read.Status.Should().Be(ReplicaReadStatus.Found);
        read.ReplicaId.Should().Be(StorageNodeFixture.NodeId);
        read.Versions.Should().Equal(version);
    }

    [Fact]
    public async Task WriteAsync_Tombstone_ReadsBackAsATombstoneVersion()
    {
        var live = Version([9], ("coord-a", 1));
        var tombstone = new VersionedValue(ReadOnlyMemory<byte>.Empty, VectorClock.From([new ClockEntry("coord-a", 2)]), 2_000, "coord-a", tombstone: true);
        await _client.WriteAsync(_fixture.Node, "t1", "deleted", live, Timeout, CancellationToken.None);

        var write = await _client.WriteAsync(_fixture.Node, "t1", "deleted", tombstone, Timeout, CancellationToken.None);
        var read = await _client.ReadAsync(_fixture.Node, "t1", "deleted", Timeout, CancellationToken.None);

        write.Ok.Should().BeTrue();
        read.Versions.Should().ContainSingle().Which.Should().Match<VersionedValue>(v => v.Tombstone && v.Value.IsEmpty && v.Equals(tombstone));
    }

    [Fact]
    public async Task WriteAsync_ConcurrentVersions_ReadReturnsBothSiblings()
    {
        var left = Version([1], ("coord-a", 1));
        var right = Version([2], ("coord-b", 1));

        await _client.WriteAsync(_fixture.Node, "t1", "siblings", left, Timeout, CancellationToken.None);
        await _client.WriteAsync(_fixture.Node, "t1", "siblings", right, Timeout, CancellationToken.None);
        var read = await _client.ReadAsync(_fixture.Node, "t1", "siblings", Timeout, CancellationToken.None);

        read.Versions.Should().BeEquivalentTo([left, right]);
    }

    [Fact]
    public async Task ReadAsync_UnknownKey_ReturnsNotFound()
    {
        var read = await _client.ReadAsync(_fixture.Node, "t1", "never-written", Timeout, CancellationToken.None);

        read.Should().BeEquivalentTo(ReplicaReadReply.NotFound(StorageNodeFixture.NodeId));
    }

    [Fact]
    public async Task RepairAsync_NewerVersions_ReplaceTheStaleOne()
    {
        var stale = Version([1], ("coord-a", 1));
        var newerLeft = Version([2], ("coord-a", 2));
        var newerRight = Version([3], ("coord-a", 1), ("coord-b", 1));
        await _client.WriteAsync(_fixture.Node, "t1", "repaired", stale, Timeout, CancellationToken.None);

        var repair = await _client.RepairAsync(_fixture.Node, "t1", "repaired", [newerLeft, newerRight], Timeout, CancellationToken.None);
        var read = await _client.ReadAsync(_fixture.Node, "t1", "repaired", Timeout, CancellationToken.None);

        repair.Should().Be(ReplicaWriteResult.Success(StorageNodeFixture.NodeId));
        read.Versions.Should().BeEquivalentTo([newerLeft, newerRight]);
    }

    [Fact]
    public async Task WriteAsync_VersionTheNodeRejects_FailsWithInvalidArgument()
    {
        var unstamped = new VersionedValue(new byte[] { 1 }, VectorClock.Empty, 1, "coord-a", tombstone: false);

        var write = await _client.WriteAsync(_fixture.Node, "t1", "invalid", unstamped, Timeout, CancellationToken.None);

        write.Ok.Should().BeFalse();
        write.ReplicaId.Should().Be(StorageNodeFixture.NodeId);
        write.Error.Should().StartWith("INVALID_ARGUMENT: ").And.Contain("clock");
    }

    [Fact]
    public async Task CheckHealthAsync_RunningNode_ReportsHealthyAndServing()
    {
        await _client.WriteAsync(_fixture.Node, "t1", "health-key", Version([1], ("coord-a", 1)), Timeout, CancellationToken.None);

        var health = await _client.CheckHealthAsync(_fixture.Node, Timeout, CancellationToken.None);

        health.NodeId.Should().Be(StorageNodeFixture.NodeId);
        health.Reachable.Should().BeTrue();
        health.Healthy.Should().BeTrue();
        health.Detail.Should().Be("SERVING");
        health.KeysCount.Should().BeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public async Task CheckHealthAsync_AnotherNodeAnswersAtTheAddress_ReportsUnhealthy()
    {
        var impostor = _fixture.Node with { NodeId = "other-node" };

        var health = await _client.CheckHealthAsync(impostor, Timeout, CancellationToken.None);

        health.Reachable.Should().BeTrue();
        health.Healthy.Should().BeFalse();
        health.Detail.Should().Contain(StorageNodeFixture.NodeId).And.Contain("other-node");
    }

    [Fact]
    public async Task EveryCall_NodeNotListening_ReturnsUnavailableValues()
    {
        var down = new StorageNode("down", "127.0.0.1", UnusedPort(), 150, StorageNodeStatus.Active);

        var read = await _client.ReadAsync(down, "t1", "k", Timeout, CancellationToken.None);
        var write = await _client.WriteAsync(down, "t1", "k", Version([1], ("coord-a", 1)), Timeout, CancellationToken.None);
        var repair = await _client.RepairAsync(down, "t1", "k", [Version([1], ("coord-a", 1))], Timeout, CancellationToken.None);
        var health = await _client.CheckHealthAsync(down, Timeout, CancellationToken.None);

        read.Status.Should().Be(ReplicaReadStatus.Failed);
        read.Reason.Should().StartWith("UNAVAILABLE: ");
        read.Overloaded.Should().BeFalse();
        write.Ok.Should().BeFalse();
        write.Overloaded.Should().BeFalse();
        write.Error.Should().StartWith("UNAVAILABLE: ");
        repair.Error.Should().StartWith("UNAVAILABLE: ");
        health.Should().Match<ReplicaHealth>(h => !h.Reachable && !h.Healthy && h.Detail.StartsWith("UNAVAILABLE: "));
    }

    [Fact]
    public async Task EveryCall_NodeNeverAnswers_FailsAtTheDeadline()
    {
        using var hung = new HungServer();
        var node = new StorageNode("hung", "127.0.0.1", hung.Port, 150, StorageNodeStatus.Active);
        var deadline = TimeSpan.FromMilliseconds(300);

        var read = await _client.ReadAsync(node, "t1", "k", deadline, CancellationToken.None);
        var write = await _client.WriteAsync(node, "t1", "k", Version([1], ("coord-a", 1)), deadline, CancellationToken.None);
        var health = await _client.CheckHealthAsync(node, deadline, CancellationToken.None);

        read.Status.Should().Be(ReplicaReadStatus.Failed);
        read.Reason.Should().StartWith("DEADLINE_EXCEEDED: ");
        write.Error.Should().StartWith("DEADLINE_EXCEEDED: ");
        health.Detail.Should().StartWith("DEADLINE_EXCEEDED: ");
    }

    [Fact]
    public async Task WriteAsync_CallerCancelled_FailsAsCancelled()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var write = await _client.WriteAsync(_fixture.Node, "t1", "k", Version([1], ("coord-a", 1)), Timeout, cancelled.Token);

        write.Error.Should().StartWith("CANCELLED: ");
    }

    [Fact]
    public async Task ReadAsync_HostThatIsNotAnAddress_ReturnsFailed()
    {
        var broken = new StorageNode("broken", "not a host", 50061, 150, StorageNodeStatus.Active);

        var read = await _client.ReadAsync(broken, "t1", "k", Timeout, CancellationToken.None);
        var write = await _client.WriteAsync(broken, "t1", "k", Version([1], ("coord-a", 1)), Timeout, CancellationToken.None);

        read.Status.Should().Be(ReplicaReadStatus.Failed);
        write.Error.Should().StartWith("UNAVAILABLE: ").And.Contain("not a valid storage node address");
    }

    [Fact]
    public async Task Calls_SameAddressTwiceAndAnotherAddress_KeepOneChannelPerAddress()
    {
        var other = new StorageNode("down", "127.0.0.1", UnusedPort(), 150, StorageNodeStatus.Active);

        await _client.ReadAsync(_fixture.Node, "t1", "k", Timeout, CancellationToken.None);
        await _client.ReadAsync(_fixture.Node with { NodeId = "renamed" }, "t1", "k", Timeout, CancellationToken.None);
        await _client.ReadAsync(other, "t1", "k", Timeout, CancellationToken.None);

        _client.ChannelCount.Should().Be(2);
    }

    [Fact]
    public async Task ReadAsync_AfterDispose_ThrowsObjectDisposed()
    {
        var client = new GrpcReplicaClient();
        await client.ReadAsync(_fixture.Node, "t1", "k", Timeout, CancellationToken.None);
        client.Dispose();

        var act = () => client.ReadAsync(_fixture.Node, "t1", "k", Timeout, CancellationToken.None);

        await act.Should().ThrowAsync<ObjectDisposedException>();
        client.ChannelCount.Should().Be(0);
    }

    private static VersionedValue Version(byte[] value, params (string Node, long Counter)[] clock)
    {
        var entries = Array.ConvertAll(clock, static e => new ClockEntry(e.Node, e.Counter));
        long stamp = 0;
        foreach (var entry in entries)
        {
            stamp += entry.Counter;
        }

        return new VersionedValue(value, VectorClock.From(entries), 1_700_000_000_000_000 + stamp, entries[0].NodeId, tombstone: false);
    }

    /// <summary>A loopback port nothing listens on (bound once to find it, then released).</summary>
    private static int UnusedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
