using System.Diagnostics;
using Google.Protobuf;
using Grpc.Net.Client;
using PairDb.Messages.Values;

namespace PairDb.Bench.Load;

/// <summary>
/// Closed-loop load: <c>concurrency</c> workers each send one unit of work at a time for the duration (after a warmup
/// whose results are discarded): one call of one key, a batch call of --batch-size keys, or --batch-size single calls
/// at once (<see cref="LoadUnit"/>); each unit's latency is one sample. Reads first get their keys written, so they
/// measure found keys.
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
            WorkloadName(options),
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
        if (_options.Workload is not (LoadWorkload.Write or LoadWorkload.BatchWrite))
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
        var counters = new LoadCounters();
        foreach (var worker in workers)
        {
            latency.Add(worker.Latency);
            counters.Add(worker.Counters);
        }

        return new LoadReport(
            _system, _workload, _consistency, _options.Concurrency, elapsed, latency.Count, new SortedDictionary<string, long>(counters.Errors, StringComparer.Ordinal),
            counters.CallsOk / elapsed, latency.Percentile(50) / 1000, latency.Percentile(95) / 1000, latency.Percentile(99) / 1000, latency.Percentile(99.9) / 1000)
        {
            UnitSize = _options.UnitSize,
            Keys = counters.Keys,
            KeysPerSecond = counters.Keys / elapsed,
        };
    }

    private static string WorkloadName(LoadOptions options) =>
        options.Workload switch
        {
            LoadWorkload.BatchWrite => "batch-write",
            LoadWorkload.BatchRead => "batch-read",
            _ => options.Workload.ToString().ToLowerInvariant(),
        }
        + (options.UnitSize > 1 ? $" ({options.UnitSize} keys per unit{(options.IsBatch ? ", one call" : ", single calls at once")})" : string.Empty)
        + (options.HotKey ? " (hot key)" : string.Empty);

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
        var keys = new string[_options.UnitSize];
        while (Stopwatch.GetTimestamp() < stopAt)
        {
            for (var i = 0; i < keys.Length; i++)
            {
                keys[i] = KeyFor(worker);
            }

            var read = _options.Workload is LoadWorkload.Read or LoadWorkload.BatchRead || (_options.Workload == LoadWorkload.Mixed && random.Next(2) == 0);
            var started = Stopwatch.GetTimestamp();
            var succeeded = await LoadUnit.RunAsync(target, keys, read, _options.IsBatch, worker.Counters);

            // A unit counts in the latency when any of its keys succeeded (a single call: when it succeeded).
            if (succeeded > 0)
            {
                worker.Latency.Record((long)Stopwatch.GetElapsedTime(started).TotalMicroseconds);
            }

            worker.Counters.Keys += succeeded;
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

        public LoadCounters Counters { get; } = new();
    }
}
