using System.Collections.Concurrent;
using System.Diagnostics;
using FluentAssertions;
using PairDb.Client;
using PairDb.Integration.Tests.Cluster;
using PairDb.Integration.Tests.Infrastructure;
using Xunit.Abstractions;
using static PairDb.Integration.Tests.Client.ClientCallsTests;

namespace PairDb.Integration.Tests.Client;

/// <summary>
/// PairDbClient over a cluster of three coordinators (shared PostgreSQL and Redis) whose first listed coordinator is
/// SIGKILLed under a continuous writer: the client fails over, every write it reports applied is readable, and no
/// logical write is applied twice (each key is written once, so its clock must hold exactly one stamp), including the
/// writes in flight at the kill, which the client retries with the same idempotency key on the next coordinator.
/// </summary>
[Collection(TestServersCollection.Name)]
public sealed class ClientFailoverTests(ITestOutputHelper output)
{
    private const int Writers = 4;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task KillFirstCoordinatorMidRun_ContinuousWriter_EveryAppliedWriteReadableAndNoneAppliedTwice()
    {
        // Arrange
        await using var cluster = await ClusterHarness.StartAsync(
            storageNodes: 3, coordinators: 3, oneCluster: true);
        using var client = ClientOf(cluster, 0, 1, 2);
        var run = Guid.NewGuid().ToString("N")[..8];
        var idempotencyKey = run + "-before-kill";
        var beforeKill = await client.WriteAsync(run + "-retried", Bytes("once"), new PairDbWriteOptions { IdempotencyKey = idempotencyKey });
        var applied = new ConcurrentDictionary<string, PairDbWriteResult>(StringComparer.Ordinal);
        var spans = new ConcurrentDictionary<string, (TimeSpan Sent, TimeSpan Answered)>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        var failed = new ConcurrentQueue<(string Key, string Error)>();
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var key = $"{run}-w{w}-{i}";
                var sent = clock.Elapsed;
                try
                {
                    applied[key] = await client.WriteAsync(key, Bytes(key));
                }
                catch (PairDbException ex)
                {
                    failed.Enqueue((key, $"{ex.StatusCode} {ex.Message}"));
                }

                spans[key] = (sent, clock.Elapsed);
            }
        })).ToArray();
        await WaitAsync(() => applied.Count >= 100, "100 writes before the kill");

        // Act: kill the coordinator the client lists first, mid-run; the same logical write is then sent again.
        var appliedAtKill = applied.Count;
        var killedAt = clock.Elapsed;
        cluster.CoordinatorProcess(0).Kill();
        await WaitAsync(() => applied.Count >= appliedAtKill + 200, "200 more writes after the kill");
        var retried = await client.WriteAsync(run + "-retried", Bytes("once"), new PairDbWriteOptions { IdempotencyKey = idempotencyKey });
        await stop.CancelAsync();
        await Task.WhenAll(writers);

        // Assert
        var duplicates = applied.Values.Count(static r => r.IsDuplicate);
        output.WriteLine($"{applied.Count} writes applied ({appliedAtKill} before the kill, {duplicates} answered as duplicates of an earlier attempt), {failed.Count} failed:\n"
            + string.Join("\n", failed.Take(10).Select(static f => f.Key + ": " + f.Error)));
        retried.IsDuplicate.Should().BeTrue("the same idempotency key through another coordinator is the same logical write");
        retried.Clock.Should().Be(beforeKill.Clock);
        using var reader = ClientOf(cluster, 1, 2);
        var wrong = new ConcurrentQueue<string>();
        var keys = applied.Keys.Append(run + "-retried").Concat(failed.Select(static f => f.Key));
        await Parallel.ForEachAsync(keys, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (key, cancellationToken) =>
        {
            // A write the client reports failed may still have landed (it was in flight at the kill), but once at most.
            var read = await reader.ReadAsync(key, cancellationToken: cancellationToken);
            var reportedApplied = applied.ContainsKey(key) || key == run + "-retried";
            if (read is null ? reportedApplied : read.Clock.Entries.Values.Sum() != 1)
            {
                var span = spans.GetValueOrDefault(key);
                wrong.Enqueue($"{key}: clock {read?.Clock.ToString() ?? "absent"}, reported applied {reportedApplied}, "
                    + $"sent {(span.Sent - killedAt).TotalSeconds:F1} s and answered {(span.Answered - killedAt).TotalSeconds:F1} s after the kill");
            }
        });
        wrong.Should().BeEmpty("every write reported applied reads back, and each key was written once: a second application adds a stamp");
    }

    private static PairDbClient ClientOf(ClusterHarness cluster, params int[] coordinators)
    {
        // Below the coordinators' 30 s idempotency claim timeout: a write whose key actor died mid-write stays claimed
        // (ABORTED) that long and may then be claimed and applied again, so a client must give up before then.
        var options = new PairDbClientOptions { CallTimeout = TimeSpan.FromSeconds(25) };
        foreach (var index in coordinators)
        {
            options.Addresses.Add(cluster.Coordinator(index).Target);
        }

        // Retries until the deadline: a killed member's shards move only once the split-brain resolver downs it.
        options.Retry.MaxAttempts = 1000;
        options.Retry.MaxBackoff = TimeSpan.FromSeconds(1);
        return new PairDbClient(options);
    }

    private static async Task WaitAsync(Func<bool> condition, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            watch.Elapsed.Should().BeLessThan(Bound, $"waiting for {what}");
            await Task.Delay(50);
        }
    }
}
