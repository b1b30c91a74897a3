using System.Collections.Concurrent;
using System.Diagnostics;
using FluentAssertions;
using Grpc.Core;
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
    private const int Writers = 16;
    private const int KeysPerWriter = 6;
    private static readonly TimeSpan ResumeBound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task KillOneCoordinator_UnderQuorumWriter_NoAcknowledgedWriteLostAndWritesResumeWithin30s()
    {
        // Arrange
        await using var cluster = await StartAsync();
        await using var load = ContinuousWriter.Start(cluster, through: [0, 1]);
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
        await using var load = ContinuousWriter.Start(cluster, through: [0, 1]);
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

    /// <summary>
    /// Writers that each own a few keys and write them in turn with increasing sequence numbers, alternating between
    /// the given coordinators; records what was acknowledged and when calls failed.
    /// </summary>
    private sealed class ContinuousWriter : IAsyncDisposable
    {
        private readonly ClusterHarness _cluster;
        private readonly int[] _through;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly CancellationTokenSource _stop = new();

        // Idempotency records live in the Redis every test shares: keys unique to this writer never replay another's.
        private readonly string _run = Guid.NewGuid().ToString("N");
        private readonly ConcurrentDictionary<string, int> _lastAcknowledged = new(StringComparer.Ordinal);
        private readonly ConcurrentQueue<(TimeSpan At, string Error)> _failures = new();
        private Task _running = Task.CompletedTask;
        private long _acknowledged;

        private ContinuousWriter(ClusterHarness cluster, int[] through)
        {
            _cluster = cluster;
            _through = through;
        }

        public TimeSpan Elapsed => _clock.Elapsed;

        public long Acknowledged => Interlocked.Read(ref _acknowledged);

        public int Failures => _failures.Count;

        public TimeSpan? LastFailure => _failures.IsEmpty ? null : _failures.Max(static f => f.At);

        public static ContinuousWriter Start(ClusterHarness cluster, int[] through)
        {
            var writer = new ContinuousWriter(cluster, through);
            writer._running = Task.WhenAll(Enumerable.Range(0, Writers).Select(writer.RunAsync));
            return writer;
        }

        public Task WaitForAcknowledgedAsync(long count) =>
            WaitAsync(() => Acknowledged >= count, TimeSpan.FromSeconds(60), $"{count} acknowledged writes");

        public Task WaitUntilCleanAsync(TimeSpan since, TimeSpan cleanFor, TimeSpan bound) =>
            WaitAsync(() => Elapsed - (LastFailure is { } last && last > since ? last : since) >= cleanFor, bound, $"writes succeeding for {cleanFor}");

        public async Task StopAsync()
        {
            await _stop.CancelAsync();
            await _running;
        }

        public string FailureSample() => string.Join("\n", _failures.Take(10).Select(static f => $"{f.At.TotalSeconds:F1}s {f.Error}"));

        /// <summary>Every key reads back with its last acknowledged sequence number or a later one (a write that failed may still have landed).</summary>
        public async Task VerifyNothingLostAsync(Grpc.Net.Client.GrpcChannel coordinator)
        {
            foreach (var (key, sequence) in _lastAcknowledged)
            {
                string value;
                try
                {
                    value = (await Kv.ReadAsync(coordinator, key)).Value.ToStringUtf8();
                }
                catch (RpcException ex)
                {
                    value = $"{ex.StatusCode} {ex.Status.Detail}";
                }

                var replicas = new List<string>();
                for (var i = 0; i < 3; i++)
                {
                    var replica = await Kv.ReadReplicaAsync(_cluster.Storage(i), key);
                    replicas.Add($"storage-{i + 1}: {string.Join(" | ", replica.Versions.Select(static v => v.Value.ToStringUtf8() + "@" + Kv.Text(v.Clock)))}");
                }

                int.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var read).Should().BeTrue(
                    $"{key} was acknowledged at sequence {sequence} but reads {value}; replicas: {string.Join("; ", replicas)}\n{FailureSample()}");
                read.Should().BeGreaterThanOrEqualTo(sequence, $"{key} was acknowledged at sequence {sequence}; replicas: {string.Join("; ", replicas)}");
            }
        }

        public async ValueTask DisposeAsync()
        {
            await StopAsync();
            _stop.Dispose();
        }

        private async Task RunAsync(int writer)
        {
            for (var sequence = 1; !_stop.IsCancellationRequested; sequence++)
            {
                var key = $"w{writer}-k{sequence % KeysPerWriter}";
                var coordinator = _cluster.Coordinator(_through[sequence % _through.Length]);
                try
                {
                    // With an idempotency key, as a client that retries must send: the coordinator then re-sends a write a
                    // shard hand-off dropped, safely.
                    await Kv.WriteAsync(
                        coordinator, key, sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), idempotencyKey: $"{_run}-w{writer}-s{sequence}");
                    _lastAcknowledged[key] = sequence;
                    Interlocked.Increment(ref _acknowledged);
                }
                catch (RpcException ex)
                {
                    _failures.Enqueue((Elapsed, $"{key}: {ex.StatusCode} {ex.Status.Detail}"));
                }
            }
        }

        private static async Task WaitAsync(Func<bool> condition, TimeSpan bound, string what)
        {
            var deadline = Stopwatch.StartNew();
            while (!condition())
            {
                deadline.Elapsed.Should().BeLessThan(bound, $"waiting for {what}");
                await Task.Delay(100);
            }
        }
    }
}
