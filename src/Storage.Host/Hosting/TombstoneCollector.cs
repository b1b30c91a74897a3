using PairDb.Storage.Engine;

namespace PairDb.Storage.Hosting;

/// <summary>Background sweep: every interval, deletes keys that have been tombstone-only for longer than the grace period.</summary>
public sealed class TombstoneCollector : BackgroundService
{
    private readonly StorageEngine _engine;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private long _collected;

    public TombstoneCollector(StorageEngine engine, TimeSpan interval, TimeProvider time, ILogger logger)
    {
        _engine = engine;
        _interval = interval;
        _time = time;
        _logger = logger;
    }

    /// <summary>Total keys collected since start.</summary>
    public long Collected => Interlocked.Read(ref _collected);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_interval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await SweepAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the sweep resumes from the database state on the next start.
        }
    }

    private async Task SweepAsync(CancellationToken stoppingToken)
    {
        try
        {
            var count = await _engine.CollectTombstonesAsync(stoppingToken);
            Interlocked.Add(ref _collected, count);
            if (count > 0)
            {
                StorageLog.TombstonesCollected(_logger, count);
            }
        }
        catch (Exception ex) when (ex is StorageEngineException or ObjectDisposedException)
        {
            StorageLog.TombstoneSweepFailed(_logger, ex);
        }
    }
}
