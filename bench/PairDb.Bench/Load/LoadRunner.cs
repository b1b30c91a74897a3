using System.Diagnostics;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using PairDb.Messages.Values;

namespace PairDb.Bench.Load;

/// <summary>
/// Closed-loop load: <c>concurrency</c> workers each send one request at a time for the duration (after a warmup
/// whose results are discarded). Reads first get their keys written, so they measure found keys.
/// </summary>
public sealed class LoadRunner
{
    private readonly LoadOptions _options;
    private readonly IReadOnlyList<IKvTarget> _targets;
    private readonly string _system;
    private readonly string _workload;
    private readonly string _consistency;

    /// <summary>Worker i uses channel i mod the number of channels (one per --target endpoint).</summary>
    public LoadRunner(LoadOptions options, IReadOnlyList<GrpcChannel> channels)
        : this(options, CreateTargets(options, channels), options.System.ToString().ToLowerInvariant(),
            options.Workload.ToString().ToLowerInvariant() + (options.HotKey ? " (hot key)" : string.Empty),
            options.System == LoadSystem.Etcd ? "linearizable" : ConsistencyLevels.Name(options.Consistency))
    {
    }

    /// <summary>
    /// Drives any targets (worker i uses target i mod their number); the labels only name the run in the report.
    /// Reads preload their keys through the targets' writes.
    /// </summary>
    public LoadRunner(LoadOptions options, IReadOnlyList<IKvTarget> targets, string system, string workload, string consistency)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentOutOfRangeException.ThrowIfZero(targets.Count);
        _options = options;
        _targets = targets;
        _system = system;
        _workload = workload;
        _consistency = consistency;
    }

    /// <summary>The options' value size filled with fixed pseudo-random bytes (the same in every run).</summary>
    public static ByteString CreateValue(int size)
    {
        var bytes = new byte[size];
        new Random(42).NextBytes(bytes);
        return ByteString.CopyFrom(bytes);
    }

    public async Task<LoadReport> RunAsync(TextWriter log)
    {
        if (_options.Workload != LoadWorkload.Write)
        {
            var keys = _options.HotKey ? 1 : _options.Keys;
            await log.WriteLineAsync($"preloading {keys} keys...");
            await PreloadAsync(keys);
        }

        if (_options.Warmup > TimeSpan.Zero)
        {
            await log.WriteLineAsync($"warming up for {_options.Warmup.TotalSeconds:F0} s...");
            await RunPhaseAsync(_options.Warmup, 1_000_000);
        }

        await log.WriteLineAsync($"measuring for {_options.Duration.TotalSeconds:F0} s...");
        var started = Stopwatch.GetTimestamp();
        var workers = await RunPhaseAsync(_options.Duration, 0);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var latency = new LatencyRecorder();
        var errors = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var worker in workers)
        {
            latency.Add(worker.Latency);
            foreach (var (status, count) in worker.Errors)
            {
                errors[status] = errors.GetValueOrDefault(status) + count;
            }
        }

        return new LoadReport(
            _system, _workload, _consistency, _options.Concurrency, elapsed, latency.Count, errors, latency.Count / elapsed,
            latency.Percentile(50) / 1000, latency.Percentile(95) / 1000, latency.Percentile(99) / 1000, latency.Percentile(99.9) / 1000);
    }

    private static IKvTarget[] CreateTargets(LoadOptions options, IReadOnlyList<GrpcChannel> channels)
    {
        var value = CreateValue(options.ValueSize);
        var targets = new IKvTarget[channels.Count];
        for (var i = 0; i < targets.Length; i++)
        {
            targets[i] = options.System == LoadSystem.Etcd
                ? new EtcdTarget(channels[i], options, value)
                : new CoordinatorTarget(channels[i], options, value);
        }

        return targets;
    }

    private async Task<Worker[]> RunPhaseAsync(TimeSpan duration, int keyOffset)
    {
        var workers = new Worker[_options.Concurrency];
        var tasks = new Task[workers.Length];
        var stopAt = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        for (var i = 0; i < workers.Length; i++)
        {
            workers[i] = new Worker(i, keyOffset);
            var worker = workers[i];
            tasks[i] = Task.Run(() => RunWorkerAsync(worker, stopAt));
        }

        await Task.WhenAll(tasks);
        return workers;
    }

    private async Task RunWorkerAsync(Worker worker, long stopAt)
    {
        var random = new Random(worker.Id);
        var target = _targets[worker.Id % _targets.Count];
        while (Stopwatch.GetTimestamp() < stopAt)
        {
            var key = KeyFor(worker);
            var read = _options.Workload == LoadWorkload.Read || (_options.Workload == LoadWorkload.Mixed && random.Next(2) == 0);
            var started = Stopwatch.GetTimestamp();
            try
            {
                if (read)
                {
                    await target.ReadAsync(key);
                }
                else
                {
                    await target.WriteAsync(key);
                }

                worker.Latency.Record((long)Stopwatch.GetElapsedTime(started).TotalMicroseconds);
            }
            catch (RpcException ex)
            {
                worker.Errors[ex.StatusCode.ToString()] = worker.Errors.GetValueOrDefault(ex.StatusCode.ToString()) + 1;
            }
        }
    }

    private async Task PreloadAsync(int keys)
    {
        var next = -1;
        var tasks = new Task[Math.Min(_options.Concurrency, keys)];
        for (var i = 0; i < tasks.Length; i++)
        {
            tasks[i] = Task.Run(async () =>
            {
                int index;
                while ((index = Interlocked.Increment(ref next)) < keys)
                {
                    await _targets[index % _targets.Count].WriteAsync(KeyName(index));
                }
            });
        }

        await Task.WhenAll(tasks);
    }

    /// <summary>Distinct keys: worker w takes w, w+N, w+2N, ... (mod keys); hot-key mode uses one key.</summary>
    private string KeyFor(Worker worker)
    {
        if (_options.HotKey)
        {
            return KeyName(0);
        }

        var index = (worker.KeyOffset + worker.Id + (worker.Iteration++ * (long)_options.Concurrency)) % _options.Keys;
        return KeyName(index);
    }

    private static string KeyName(long index) => "bench-" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>One closed-loop worker's own counters (no sharing on the hot path).</summary>
    private sealed class Worker(int id, int keyOffset)
    {
        public int Id { get; } = id;

        public int KeyOffset { get; } = keyOffset;

        public long Iteration { get; set; }

        public LatencyRecorder Latency { get; } = new();

        public Dictionary<string, long> Errors { get; } = new(StringComparer.Ordinal);
    }
}
