using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using FluentAssertions;
using Grpc.Core;
using Grpc.Net.Client;

namespace PairDb.Integration.Tests.Cluster;

/// <summary>
/// A continuous QUORUM load on a <see cref="ClusterHarness"/>: writers that each own a few keys and overwrite them in
/// turn with increasing sequence numbers, alternating between the given coordinators, and optionally readers of those
/// keys. Records what was acknowledged, what was attempted, and every failed call with its status and when.
/// </summary>
public sealed class QuorumLoad : IAsyncDisposable
{
    private const int KeysPerWriter = 6;
    private readonly ClusterHarness _cluster;
    private readonly int[] _through;
    private readonly int _writers;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly CancellationTokenSource _stop = new();

    // Idempotency records live in the Redis every test shares: keys unique to this load never replay another's.
    private readonly string _run = Guid.NewGuid().ToString("N");
    private readonly ConcurrentDictionary<string, int> _lastAcknowledged = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _lastAttempted = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(TimeSpan At, StatusCode Status, string Error)> _failures = new();
    private Task _running = Task.CompletedTask;
    private long _acknowledged;
    private long _reads;

    private QuorumLoad(ClusterHarness cluster, int[] through, int writers)
    {
        _cluster = cluster;
        _through = through;
        _writers = writers;
    }

    public TimeSpan Elapsed => _clock.Elapsed;

    public long Acknowledged => Interlocked.Read(ref _acknowledged);

    /// <summary>Reads that answered.</summary>
    public long Reads => Interlocked.Read(ref _reads);

    /// <summary>Failed calls, writes and reads.</summary>
    public int Failures => _failures.Count;

    public TimeSpan? LastFailure => _failures.IsEmpty ? null : _failures.Max(static f => f.At);

    /// <summary>The statuses calls failed with.</summary>
    public IReadOnlySet<StatusCode> FailureStatuses => _failures.Select(static f => f.Status).ToHashSet();

    /// <param name="cluster">The cluster whose coordinators the load goes through.</param>
    /// <param name="through">Indexes of the coordinators that calls alternate between.</param>
    /// <param name="writers">Concurrent writers.</param>
    /// <param name="readers">Concurrent QUORUM readers of the writers' keys.</param>
    public static QuorumLoad Start(ClusterHarness cluster, int[] through, int writers = 16, int readers = 0)
    {
        var load = new QuorumLoad(cluster, through, writers);
        load._running = Task.WhenAll(Enumerable.Range(0, writers).Select(load.WriteAsync).Concat(Enumerable.Range(0, readers).Select(load.ReadAsync)));
        return load;
    }

    public Task WaitForAcknowledgedAsync(long count) =>
        WaitAsync(() => Acknowledged >= count, TimeSpan.FromSeconds(60), $"{count} acknowledged writes");

    public Task WaitUntilCleanAsync(TimeSpan since, TimeSpan cleanFor, TimeSpan bound) =>
        WaitAsync(() => Elapsed - (LastFailure is { } last && last > since ? last : since) >= cleanFor, bound, $"calls succeeding for {cleanFor}");

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _running;
    }

    public string FailureSample() => string.Join("\n", _failures.Take(10).Select(static f => $"{f.At.TotalSeconds:F1}s {f.Status} {f.Error}"));

    /// <summary>
    /// Every key reads back at QUORUM with its last acknowledged sequence number, or a later one that was attempted (a
    /// write that failed may still have landed), never an earlier one.
    /// </summary>
    public async Task VerifyNothingLostAsync(GrpcChannel coordinator)
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

            int.TryParse(value, CultureInfo.InvariantCulture, out var read).Should().BeTrue(
                $"{key} was acknowledged at sequence {sequence} but reads {value}; replicas: {string.Join("; ", replicas)}\n{FailureSample()}");
            read.Should().BeInRange(sequence, _lastAttempted[key], $"{key} was acknowledged at sequence {sequence}; replicas: {string.Join("; ", replicas)}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    private async Task WriteAsync(int writer)
    {
        for (var sequence = 1; !_stop.IsCancellationRequested; sequence++)
        {
            var key = $"w{writer}-k{sequence % KeysPerWriter}";
            var coordinator = _cluster.Coordinator(_through[sequence % _through.Length]);
            _lastAttempted[key] = sequence;
            try
            {
                // With an idempotency key, as a client that retries must send: the coordinator then re-sends a write a
                // shard hand-off dropped, safely.
                await Kv.WriteAsync(coordinator, key, sequence.ToString(CultureInfo.InvariantCulture), idempotencyKey: $"{_run}-w{writer}-s{sequence}");
                _lastAcknowledged[key] = sequence;
                Interlocked.Increment(ref _acknowledged);
            }
            catch (RpcException ex)
            {
                _failures.Enqueue((Elapsed, ex.StatusCode, $"write {key}: {ex.Status.Detail}"));
            }
        }
    }

    private async Task ReadAsync(int reader)
    {
        var random = new Random(reader);
        for (var round = 0; !_stop.IsCancellationRequested; round++)
        {
            var key = $"w{random.Next(_writers)}-k{random.Next(KeysPerWriter)}";
            try
            {
                await Kv.ReadAsync(_cluster.Coordinator(_through[round % _through.Length]), key);
                Interlocked.Increment(ref _reads);
            }
            catch (RpcException ex) when (ex.StatusCode != StatusCode.NotFound)
            {
                _failures.Enqueue((Elapsed, ex.StatusCode, $"read {key}: {ex.Status.Detail}"));
            }
            catch (RpcException)
            {
                // Not written yet.
                Interlocked.Increment(ref _reads);
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
