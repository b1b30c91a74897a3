using System.Globalization;
using FluentAssertions;
using Grpc.Core;
using Grpc.Net.Client;
using PairDb.Messages.Values;
using WriteKeyValueResponse = PairDb.Protocol.Coordinator.WriteKeyValueResponse;

namespace PairDb.Integration.Tests.Cluster;

/// <summary>
/// Exactly once across coordinators in the production shape (shared PostgreSQL and Redis, three storage node
/// processes, RF 3): the same idempotent write sent through two coordinators at once is applied once, and a write
/// whose coordinator is SIGKILLed while applying it, retried through the other coordinator, is applied once too.
/// </summary>
public sealed class IdempotencyAcrossCoordinatorsTests
{
    private const int Rounds = 20;
    private static readonly TimeSpan RetryBound = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The deadline of the write whose coordinator is killed: long enough that the call is still waiting when the kill
    /// comes, even after a stalled wait for its version on storage-1, so it can only end by its coordinator dying; short
    /// enough that its idempotency claim (held until the deadline plus the claim margin, 5 s) lapses well within
    /// <see cref="RetryBound"/>, so the retry through the other coordinator can take it over.
    /// </summary>
    private static readonly TimeSpan KilledCallDeadline = TimeSpan.FromSeconds(25);

    /// <summary>
    /// What grpc-dotnet ends a call with when its server process dies: UNAVAILABLE for the connection's end or reset,
    /// INTERNAL for an HTTP failure it cannot trace to one.
    /// </summary>
    private static readonly StatusCode[] DeadConnectionStatuses = [StatusCode.Unavailable, StatusCode.Internal];

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task SameKeyThroughTwoCoordinatorsAtOnce_AppliedOncePerKey(bool oneCluster)
    {
        // Arrange: one Akka.NET cluster (the key's actor on one of them), or two on their own (two key actors, only
        // the idempotency store between them).
        await using var cluster = await ClusterHarness.StartAsync(storageNodes: 3, coordinators: 2, oneCluster: oneCluster);
        var run = Guid.NewGuid().ToString("N")[..8];

        for (var i = 0; i < Rounds; i++)
        {
            var key = $"{run}-same-{i}";
            var idempotencyKey = $"{run}-req-{i}";

            // Act: both callers send the same write with the same key at once; each retries while it is in progress.
            var answers = await Task.WhenAll(
                WriteRetryingInProgressAsync(cluster.Coordinator(0), key, idempotencyKey),
                WriteRetryingInProgressAsync(cluster.Coordinator(1), key, idempotencyKey));

            // Assert: one application, both callers told its clock, the second as a duplicate; one increment stored.
            answers.Count(static a => !a.IsDuplicate).Should().Be(1, $"round {i} applies its write once");
            Kv.Text(answers[1].VectorClock).Should().Be(Kv.Text(answers[0].VectorClock));
            var read = await Kv.ReadAsync(cluster.Coordinator(0), key);
            read.Siblings.Should().BeEmpty();
            read.VectorClock.Entries.Sum(static e => e.LogicalTimestamp).Should().Be(1, $"the stored version of round {i} has one increment");
            read.Value.ToStringUtf8().Should().Be(key);
        }
    }

    [Fact]
    public async Task CoordinatorKilledWhileApplying_RetriedThroughTheOther_AppliedOnce()
    {
        // Arrange: two coordinators on their own over the same stores, so the one called is the one applying the write;
        // a failure detector that never holds the frozen nodes down within the test, so the write is sent, not refused.
        await using var cluster = await ClusterHarness.StartAsync(
            storageNodes: 3, coordinators: 2, coordinatorEnvironment: new Dictionary<string, string> { ["FAILURE_THRESHOLD"] = "100000" });
        var key = "killed-" + Guid.NewGuid().ToString("N")[..8];
        var idempotencyKey = key + "-req";
        await Kv.WriteAsync(cluster.Coordinator(1), "warm-up", "connections open");

        // Coordinator-0 stamps the key first, so its next write skips the read (which two frozen replicas would stall)
        // and goes to every replica at once. It cannot reach its quorum: two of three replicas are frozen, so
        // coordinator-0 is still applying it once storage-1 holds its version.
        await Kv.WriteAsync(cluster.Coordinator(0), key, "before");
        cluster.StorageProcess(1).Pause();
        cluster.StorageProcess(2).Pause();
        var first = Kv.WriteAsync(cluster.Coordinator(0), key, key, idempotencyKey: idempotencyKey, within: KilledCallDeadline);
        var sent = await WaitHeldAsync(cluster.Storage(0), key);

        // Act: kill the applying coordinator; retry through the other one while the replica holding the first
        // attempt's version is frozen and the others run, so the retry's read cannot see that version.
        cluster.CoordinatorProcess(0).Kill();
        var lost = () => first;
        var died = (await lost.Should().ThrowAsync<RpcException>("its coordinator died before answering")).Which;
        died.StatusCode.Should().BeOneOf(DeadConnectionStatuses, "the call must end because its coordinator died, not by its deadline: {0}", died.Status);
        died.Status.DebugException.Should().NotBeNull("the client made the status from the broken connection, the coordinator sent none: {0}", died.Status);
        cluster.StorageProcess(0).Pause();
        cluster.StorageProcess(1).Resume();
        cluster.StorageProcess(2).Resume();
        var retry = await WriteRetryingInProgressAsync(cluster.Coordinator(1), key, idempotencyKey);
        cluster.StorageProcess(0).Resume();

        // Assert: the retry answered the first attempt's version or one that supersedes it, and once the frozen
        // replica runs again every replica holds that one version alone: no second application beside the first.
        var answered = Kv.Domain(retry.VectorClock);
        answered.CompareTo(sent).Should().BeOneOf(ClockOrder.Identical, ClockOrder.After);
        if (retry.IsDuplicate)
        {
            answered.Should().Be(sent, "a duplicate answers the first attempt's version");
        }

        await WaitConvergedAsync(cluster, key, Kv.Text(retry.VectorClock));
    }

    /// <summary>Writes (value = key), retrying ABORTED (the same idempotency key in progress) with a short backoff.</summary>
    private static async Task<WriteKeyValueResponse> WriteRetryingInProgressAsync(GrpcChannel coordinator, string key, string idempotencyKey)
    {
        var deadline = DateTime.UtcNow + RetryBound;
        while (true)
        {
            try
            {
                return await Kv.WriteAsync(coordinator, key, key, idempotencyKey: idempotencyKey);
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.Aborted && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>Waits until the storage node holds the write's version of the key (value = key); returns its clock.</summary>
    private static async Task<VectorClock> WaitHeldAsync(GrpcChannel storage, string key)
    {
        var deadline = DateTime.UtcNow + RetryBound;
        var last = "nothing yet";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                var held = await Kv.ReadReplicaAsync(storage, key);
                if (held.Versions.Any(v => v.Value.ToStringUtf8() == key))
                {
                    held.Versions.Should().ContainSingle("the write's version supersedes the one before it");
                    return VectorClock.From(held.Versions[0].Clock.Select(static e => new ClockEntry(e.NodeId, e.Counter)));
                }

                last = string.Join(" | ", held.Versions.Select(static v => $"[{Kv.Text(v.Clock)}] {v.Value.ToStringUtf8()}"));
            }
            catch (RpcException ex) when (TransientRpc.Is(ex))
            {
                last = ex.Status.ToString();
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"storage-1 did not get {key} within {RetryBound.TotalSeconds} s; last held: {last}");
    }

    /// <summary>Waits until every replica holds exactly one version of the key, with the clock <paramref name="clock"/> and the key as value.</summary>
    private static async Task WaitConvergedAsync(ClusterHarness cluster, string key, string clock)
    {
        var deadline = DateTime.UtcNow + RetryBound;
        var last = "nothing yet";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                var replicas = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => Kv.ReadReplicaAsync(cluster.Storage(i), key)));
                string[] held = [.. replicas.Select(static r => string.Join(" | ", r.Versions.Select(static v => $"[{Kv.Text(v.Clock)}] {v.Value.ToStringUtf8()}")))];
                if (held.All(h => h == $"[{clock}] {key}"))
                {
                    return;
                }

                last = string.Join(" / ", held);
            }
            catch (RpcException ex) when (TransientRpc.Is(ex))
            {
                last = ex.Status.ToString();
            }

            await Task.Delay(200);
        }

        throw new TimeoutException(string.Create(CultureInfo.InvariantCulture,
            $"The replicas of {key} did not converge to [{clock}] alone within {RetryBound.TotalSeconds} s: {last}\n{cluster.Logs()}"));
    }
}
