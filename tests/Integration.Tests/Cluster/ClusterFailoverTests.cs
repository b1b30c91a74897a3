using FluentAssertions;
using PairDb.Integration.Tests.Infrastructure;
using Xunit.Abstractions;

namespace PairDb.Integration.Tests.Cluster;

/// <summary>
/// A three-coordinator cluster losing a member under a continuous QUORUM writer that sends through the other two:
/// to a crash (SIGKILL: the split-brain resolver downs it, its shards move) and to a graceful stop (SIGTERM: it
/// leaves and hands its shards off).
/// </summary>
[Collection(TestServersCollection.Name)]
public sealed class ClusterFailoverTests(ITestOutputHelper output)
{
    private static readonly TimeSpan ResumeBound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task KillOneCoordinator_UnderQuorumWriter_NoAcknowledgedWriteLostAndWritesResumeWithin30s()
    {
        // Arrange
        await using var cluster = await StartAsync();
        await using var load = QuorumLoad.Start(cluster, through: [0, 1]);
        await load.WaitForAcknowledgedAsync(200);

        // Act: crash the third coordinator; keep writing until writes have run clean for a while.
        var killedAt = load.Elapsed;
        cluster.CoordinatorProcess(2).Kill();
        await load.WaitUntilCleanAsync(since: killedAt, cleanFor: TimeSpan.FromSeconds(5), bound: TimeSpan.FromSeconds(90));
        await load.StopAsync();

        // Assert
        var gap = load.LastFailure is { } last && last > killedAt ? last - killedAt : TimeSpan.Zero;
        output.WriteLine($"writes failing after the kill for {gap.TotalSeconds:F1} s; {load.Failures} failed, {load.Acknowledged} acknowledged");
        gap.Should().BeLessThan(ResumeBound, $"the dead coordinator's shards must move within {ResumeBound}\n{load.FailureSample()}");
        await load.VerifyNothingLostAsync(cluster.Coordinator(0));
    }

    [Fact]
    public async Task SigtermOneCoordinator_UnderLoad_ItLeavesExitsZeroAndCallsOnTheOthersDoNotFail()
    {
        // Arrange
        await using var cluster = await StartAsync();
        await using var load = QuorumLoad.Start(cluster, through: [0, 1]);
        await load.WaitForAcknowledgedAsync(200);

        // Act
        var stoppedAt = load.Elapsed;
        cluster.CoordinatorProcess(2).Terminate();
        var exit = await cluster.CoordinatorProcess(2).WaitForExitAsync(TimeSpan.FromSeconds(60));
        await load.WaitForAcknowledgedAsync(load.Acknowledged + 200);
        await load.StopAsync();

        // Assert
        output.WriteLine($"stopped at {stoppedAt.TotalSeconds:F1} s; {load.Failures} failed, {load.Acknowledged} acknowledged");
        exit.Should().Be(0, cluster.Logs());
        load.Failures.Should().Be(0, $"a graceful leave hands shards off without failing calls\n{load.FailureSample()}");
        await load.VerifyNothingLostAsync(cluster.Coordinator(0));
    }

    [Fact]
    public async Task WriteRetriedThroughAnotherCoordinator_SameIdempotencyKey_AppliedOnce()
    {
        // Arrange
        await using var cluster = await StartAsync();
        var idempotencyKey = "retry-" + Guid.NewGuid().ToString("N");
        var first = await Kv.WriteAsync(cluster.Coordinator(0), "retried", "once", idempotencyKey: idempotencyKey);

        // Act
        var retry = await Kv.WriteAsync(cluster.Coordinator(2), "retried", "once", idempotencyKey: idempotencyKey);

        // Assert
        retry.IsDuplicate.Should().BeTrue();
        Kv.Text(retry.VectorClock).Should().Be(Kv.Text(first.VectorClock), "the retry answers the first write's outcome");
        var read = await Kv.ReadAsync(cluster.Coordinator(1), "retried");
        Kv.Text(read.VectorClock).Should().Be(Kv.Text(first.VectorClock), "the write was applied once");
    }

    private static Task<ClusterHarness> StartAsync() =>
        ClusterHarness.StartAsync(storageNodes: 3, coordinators: 3, oneCluster: true);
}
