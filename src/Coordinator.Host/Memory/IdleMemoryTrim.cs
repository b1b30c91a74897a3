using System.Diagnostics.Metrics;
using System.Runtime;
using PairDb.Coordinator.Configuration;
using PairDb.Coordinator.Observability;

namespace PairDb.Coordinator.Memory;

/// <summary>
/// A hosted service that ticks a few times per memory.idle_trim_after and, when <see cref="IdleTrimRule"/> says the
/// coordinator went idle after a burst, runs one aggressive, compacting, blocking collection, which returns the
/// garbage collector's free memory to the operating system. Its cost is a full collection of the live heap (a few
/// megabytes once key actors have passivated), paid only while nothing else runs.
/// </summary>
public sealed partial class IdleMemoryTrim : BackgroundService
{
    private readonly IdleTrimRule _rule;
    private readonly TimeSpan _tick;
    private readonly TimeProvider _time;
    private readonly Func<long> _allocatedBytes;
    private readonly Action _trim;
    private readonly ILogger _logger;
    private readonly Meter _meter = new(CoordinatorInstruments.MeterName);
    private long _trims;

    /// <param name="idleAfter">memory.idle_trim_after (positive).</param>
    /// <param name="quietBytesPerSecond">memory.idle_allocation_rate.</param>
    /// <param name="logger">Each trim is logged at Information with the memory it gave back.</param>
    /// <param name="time">The clock of the ticks (the system's unless a test passes its own).</param>
    /// <param name="allocatedBytes">The process's total allocated bytes (GC.GetTotalAllocatedBytes unless a test passes its own).</param>
    /// <param name="trim">The trim itself (an aggressive collection unless a test passes its own).</param>
    public IdleMemoryTrim(
        TimeSpan idleAfter,
        long quietBytesPerSecond,
        ILogger<IdleMemoryTrim> logger,
        TimeProvider? time = null,
        Func<long>? allocatedBytes = null,
        Action? trim = null)
    {
        ArgumentNullException.ThrowIfNull(logger);
        _rule = new IdleTrimRule(idleAfter, quietBytesPerSecond);
        _tick = TickFor(idleAfter);
        _time = time ?? TimeProvider.System;
        _allocatedBytes = allocatedBytes ?? (static () => GC.GetTotalAllocatedBytes());
        _trim = trim ?? CollectAggressively;
        _logger = logger;
        _meter.CreateObservableCounter("coordinator_memory_idle_trims_total", () => Trims, unit: null,
            description: "Aggressive collections run once the coordinator went idle after a burst (memory.idle_trim_after).");
    }

    /// <summary>Trims done since the service started (coordinator_memory_idle_trims_total).</summary>
    public long Trims => Interlocked.Read(ref _trims);

    /// <summary>Registers the service unless memory.idle_trim_after is off.</summary>
    public static void AddTo(IServiceCollection services, CoordinatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        if (options.MemoryIdleTrimAfter > TimeSpan.Zero)
        {
            services.AddHostedService(provider => new IdleMemoryTrim(
                options.MemoryIdleTrimAfter, options.MemoryIdleAllocationRate, provider.GetRequiredService<ILogger<IdleMemoryTrim>>()));
        }
    }

    public override void Dispose()
    {
        _meter.Dispose();
        base.Dispose();
    }

    /// <summary>A quarter of the idle time, between 250 ms and 10 s: the idle time is honoured within a quarter.</summary>
    public static TimeSpan TickFor(TimeSpan idleAfter) =>
        TimeSpan.FromTicks(Math.Clamp(idleAfter.Ticks / 4, TimeSpan.FromMilliseconds(250).Ticks, TimeSpan.FromSeconds(10).Ticks));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_tick, _time);
        _rule.Observe(_time.GetUtcNow().UtcDateTime, _allocatedBytes());
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (_rule.Observe(_time.GetUtcNow().UtcDateTime, _allocatedBytes()))
                {
                    var before = GC.GetGCMemoryInfo().TotalCommittedBytes;
                    _trim();
                    Interlocked.Increment(ref _trims);
                    var after = GC.GetGCMemoryInfo().TotalCommittedBytes;
                    Trimmed(_logger, before / (1024 * 1024), after / (1024 * 1024));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host stopping.
        }
    }

    private static void CollectAggressively()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }

    [LoggerMessage(EventId = 2601, Level = LogLevel.Information,
        Message = "Idle after a burst: the garbage collector gave memory back (committed {BeforeMb} MB before, {AfterMb} MB after).")]
    private static partial void Trimmed(ILogger logger, long beforeMb, long afterMb);
}
