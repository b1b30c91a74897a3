using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using FluentAssertions;
using Grpc.Core;
using Grpc.Net.Client;
using PairDb.Protocol.Coordinator;
using Xunit.Abstractions;

namespace PairDb.Integration.Tests.Cluster;

/// <summary>
/// A storage node frozen with SIGSTOP under load: it keeps its sockets, so the kernel accepts connections and buffers
/// requests for it, but nothing answers. 64 concurrent QUORUM writers and readers through one coordinator must see no
/// failed call before, during or after a 20 s pause, and once the node runs again (SIGCONT) every replica holds the
/// same versions. The p99 latency of each phase is written to the test output; the benchmark (bench/pause.sh,
/// docs/benchmarks.md) measures it, since a test asserts no wall-clock figures.
/// </summary>
public sealed class StorageNodePauseTests(ITestOutputHelper output)
{
    private const int Workers = 64;
    private const int Keys = 2000;
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(8);
    private static readonly TimeSpan Before = TimeSpan.FromSeconds(6);
    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan After = TimeSpan.FromSeconds(6);
    private static readonly TimeSpan ConvergenceBound = TimeSpan.FromSeconds(120);

    private enum Phase
    {
        WarmUp,
        Before,
        Paused,
        After,
    }

    [Fact]
    public async Task PauseOneStorageNodeFor20s_64QuorumWritersAndReaders_NoCallFailsAndTheNodeConverges()
    {
        // Arrange: three storage nodes, RF 3 (every key on every node), every key written once.
        await using var cluster = await ClusterHarness.StartAsync(storageNodes: 3, coordinators: 1);
        var coordinator = cluster.Coordinator();
        await Parallel.ForEachAsync(Enumerable.Range(0, Keys), new ParallelOptions { MaxDegreeOfParallelism = 16 },
            async (i, _) => await Kv.WriteAsync(coordinator, Key(i), "initial"));
        var phase = (int)Phase.WarmUp;
        var latencies = new ConcurrentQueue<Call>();
        var failures = new ConcurrentQueue<string>();
        using var stop = new CancellationTokenSource();
        var workers = Enumerable.Range(0, Workers)
            .Select(w => Task.Run(() => RunWorkerAsync(coordinator, w, () => (Phase)Volatile.Read(ref phase), latencies, failures, stop.Token)))
            .ToArray();

        // Act: warm up, measure, freeze storage-2 for 20 s, let it run again, measure.
        await Task.Delay(WarmUp);
        Volatile.Write(ref phase, (int)Phase.Before);
        await Task.Delay(Before);
        var paused = cluster.StorageProcess(1);
        paused.Pause();
        var pausedAt = DateTime.UtcNow;
        try
        {
            Volatile.Write(ref phase, (int)Phase.Paused);
            await Task.Delay(Pause);
        }
        finally
        {
            paused.Resume();
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"storage-2 paused {pausedAt:HH:mm:ss.fff}, resumed {DateTime.UtcNow:HH:mm:ss.fff}"));

        Volatile.Write(ref phase, (int)Phase.After);
        await Task.Delay(After);
        await stop.CancelAsync();
        await Task.WhenAll(workers);

        // Assert
        foreach (var measured in new[] { Phase.Before, Phase.Paused, Phase.After })
        {
            output.WriteLine(Summary(measured, latencies));
        }

        if (!failures.IsEmpty || latencies.Any(static c => c.Millis > 3000))
        {
            // The slowest calls and the processes' logs say where the time went (a stall of the whole coordinator
            // shows as many calls that started together; one key's queue as calls of one key).
            foreach (var slow in latencies.OrderByDescending(static c => c.Millis).Take(20))
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"slow: {slow.Kind} of {slow.Key} in {slow.Phase} started at {slow.StartedAt:HH:mm:ss.fff} took {slow.Millis:F0} ms"));
            }

            output.WriteLine(cluster.Logs());
        }

        failures.Should().BeEmpty("no QUORUM call may fail while one of three replicas is paused");
        var held = await WaitConvergedAsync(cluster);
        held.Should().HaveCount(Keys);
    }

    private static async Task RunWorkerAsync(
        GrpcChannel coordinator,
        int worker,
        Func<Phase> phase,
        ConcurrentQueue<Call> latencies,
        ConcurrentQueue<string> failures,
        CancellationToken stop)
    {
        var random = new Random(worker);
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var key = Key(random.Next(Keys));
            var current = phase();
            var startedAt = DateTime.UtcNow;
            var started = Stopwatch.GetTimestamp();
            try
            {
                if (i % 2 == 0)
                {
                    await Kv.WriteAsync(coordinator, key, $"w{worker}-{i}");
                }
                else
                {
                    await Kv.ReadAsync(coordinator, key);
                }

                latencies.Enqueue(new Call(current, i % 2 == 0 ? "write" : "read", key, startedAt, Stopwatch.GetElapsedTime(started).TotalMilliseconds));
            }
            catch (RpcException ex)
            {
                failures.Enqueue($"{(i % 2 == 0 ? "write" : "read")} of {key} in phase {current}, started at {startedAt:HH:mm:ss.fff}: {ex.StatusCode} {ex.Status.Detail}");
            }
        }
    }

    private static string Summary(Phase phase, IEnumerable<Call> latencies)
    {
        var sorted = latencies.Where(l => l.Phase == phase).Select(static l => l.Millis).Order().ToArray();
        return string.Create(CultureInfo.InvariantCulture,
            $"{phase,-7} calls {sorted.Length,7}  p50 {Percentile(sorted, 50),8:F1} ms  p99 {Percentile(sorted, 99),8:F1} ms  max {(sorted.Length == 0 ? 0 : sorted[^1]),8:F1} ms");
    }

    private static double Percentile(double[] sorted, double percentile) =>
        sorted.Length == 0 ? 0 : sorted[Math.Max(0, (int)Math.Ceiling(percentile / 100 * sorted.Length) - 1)];

    /// <summary>
    /// Waits until the coordinator holds no hints for the paused node and every node's scan holds the same versions of
    /// every key (hints and read repair bring it the writes it missed); returns what they hold.
    /// </summary>
    private static async Task<Dictionary<string, string>> WaitConvergedAsync(ClusterHarness cluster)
    {
        var deadline = DateTime.UtcNow + ConvergenceBound;
        var last = "nothing yet";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                var nodes = await cluster.Coordinator().CoordinatorClient()
                    .ListStorageNodesAsync(new ListStorageNodesRequest(), GrpcClients.Within(TimeSpan.FromSeconds(10))).ResponseAsync;
                var held = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => ReplicaScan.HeldAsync(cluster.Storage(i))));
                List<string> differing = [.. held[0].Keys.Union(held[1].Keys).Union(held[2].Keys)
                    .Where(key => held[1].GetValueOrDefault(key) != held[0].GetValueOrDefault(key) || held[2].GetValueOrDefault(key) != held[0].GetValueOrDefault(key))
                    .Select(key => $"{key}: {held[0].GetValueOrDefault(key)} / {held[1].GetValueOrDefault(key)} / {held[2].GetValueOrDefault(key)}")];
                var pending = nodes.Nodes.Sum(static node => node.PendingHints);
                if (differing.Count == 0 && pending == 0)
                {
                    return held[0];
                }

                last = $"{pending} hints pending, the replicas differ on {differing.Count} keys, e.g.\n" + string.Join("\n", differing.Take(10));
            }
            catch (RpcException ex) when (TransientRpc.Is(ex))
            {
                last = ex.Status.ToString();
            }

            await Task.Delay(500);
        }

        throw new TimeoutException(
            $"The replicas did not converge within {ConvergenceBound.TotalSeconds} s after the pause; last seen: {last}\n{cluster.Logs()}");
    }

    private sealed record Call(Phase Phase, string Kind, string Key, DateTime StartedAt, double Millis);

    private static string Key(int i) => "paused-" + i.ToString(CultureInfo.InvariantCulture);
}
