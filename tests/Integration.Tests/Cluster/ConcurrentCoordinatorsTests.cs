using FluentAssertions;
using Grpc.Core;
using PairDb.Messages.Values;

namespace PairDb.Integration.Tests.Cluster;

/// <summary>
/// Two coordinator processes that do not form one cluster (as on the two sides of a split brain: each the writer of every
/// key), over the same stores and three storage node processes.
/// </summary>
public sealed class ConcurrentCoordinatorsTests
{
    [Fact]
    public async Task WritesFromSameStateOnTwoCoordinators_BecomeSiblings_ReadResolvesAndNextWriteDominates()
    {
        await using var cluster = await ClusterHarness.StartAsync(storageNodes: 3, coordinators: 2);
        var a = cluster.Coordinator(0);
        var b = cluster.Coordinator(1);
        var concurrentKeys = new List<(string Key, VectorClock A, VectorClock B)>();
        for (var attempt = 0; attempt < 200 && concurrentKeys.Count < 3; attempt++)
        {
            var key = "sibling-" + attempt;
            var writes = await Task.WhenAll(Kv.WriteAsync(a, key, "from-a"), Kv.WriteAsync(b, key, "from-b"));
            var clockA = Kv.Domain(writes[0].VectorClock);
            var clockB = Kv.Domain(writes[1].VectorClock);
            if (clockA.CompareTo(clockB) == ClockOrder.Concurrent)
            {
                concurrentKeys.Add((key, clockA, clockB));
            }
        }

        concurrentKeys.Should().NotBeEmpty("simultaneous writes through two coordinators must sometimes start from the same state");
        foreach (var (key, clockA, clockB) in concurrentKeys)
        {
            var read = await Kv.ReadAsync(a, key);
            read.Siblings.Should().HaveCount(2, "both concurrent versions are kept as siblings");
            var winner = read.Siblings.OrderByDescending(static s => s.TimestampMicros).ThenByDescending(static s => s.CoordinatorNodeId, StringComparer.Ordinal).First();
            read.Value.Should().Equal(winner.Value, "the read returns the last-write-wins sibling");
            Kv.Domain(read.VectorClock).Should().Be(clockA.Merge(clockB), "the read returns the merged clock");

            var next = await Kv.WriteAsync(b, key, "resolved");
            var nextClock = Kv.Domain(next.VectorClock);
            nextClock.Dominates(clockA).Should().BeTrue();
            nextClock.Dominates(clockB).Should().BeTrue();
            var after = await Kv.ReadAsync(a, key);
            after.Siblings.Should().BeEmpty();
            after.Value.ToStringUtf8().Should().Be("resolved");
        }
    }

    [Fact]
    public async Task SequentialWritesThroughOneCoordinator_ClocksStrictlyIncrease()
    {
        await using var cluster = await ClusterHarness.StartAsync(storageNodes: 3, coordinators: 1);
        var previous = VectorClock.Empty;
        for (var i = 0; i < 20; i++)
        {
            var clock = Kv.Domain((await Kv.WriteAsync(cluster.Coordinator(), "sequence", "v" + i)).VectorClock);
            clock.Dominates(previous).Should().BeTrue($"write {i} must dominate write {i - 1}");
            previous = clock;
        }
    }

    [Fact]
    public async Task RetriedIdempotentWrite_ReturnsFirstResponseAndIsAppliedOnce_DifferentRequestRefused()
    {
        await using var cluster = await ClusterHarness.StartAsync(storageNodes: 3, coordinators: 1);
        var coordinator = cluster.Coordinator();

        var first = await Kv.WriteAsync(coordinator, "idem", "v1", idempotencyKey: "req-1");
        var retry = await Kv.WriteAsync(coordinator, "idem", "v1", idempotencyKey: "req-1");
        var conflicting = () => Kv.WriteAsync(coordinator, "idem", "v2", idempotencyKey: "req-1");

        first.IsDuplicate.Should().BeFalse();
        retry.IsDuplicate.Should().BeTrue();
        Kv.Text(retry.VectorClock).Should().Be(Kv.Text(first.VectorClock));
        var error = (await conflicting.Should().ThrowAsync<RpcException>()).Which;
        error.StatusCode.Should().Be(StatusCode.FailedPrecondition);
        error.Status.Detail.Should().Contain("req-1");
        var replica = await Kv.ReadReplicaAsync(cluster.Storage(0), "idem");
        replica.Versions.Should().ContainSingle();
        replica.Versions[0].Clock.Single().Counter.Should().Be(1, "the retry was not applied a second time");
    }
}
