using System.Diagnostics.Metrics;
using PairDb.Storage.Hosting;

namespace PairDb.Storage.Engine;

/// <summary>
/// The engine's instruments, on a meter of its own named <see cref="StorageMeter.Name"/> and tagged node=&lt;node id&gt;: the
/// tag rides on the meter, so recording passes no tags and allocates nothing, and several nodes in one process (the
/// coordinator's embedded mode) stay apart. Disposing the engine disposes the meter, which ends its series.
/// </summary>
internal sealed class EngineMetrics : IDisposable
{
    private readonly Meter _meter;
    private readonly Counter<long> _writes;
    private readonly Counter<long> _reads;
    private readonly Counter<long> _tombstonesCollected;
    private readonly Counter<long> _expiredCollected;
    private readonly Histogram<int> _batchSize;
    private readonly Histogram<double> _commitSeconds;

    public EngineMetrics(string nodeId, EngineCounters counters, string databasePath)
    {
        _meter = new Meter(new MeterOptions(StorageMeter.Name) { Tags = [new(StorageMeter.NodeTag, nodeId)] });
        _writes = _meter.CreateCounter<long>(
            "pairdb_storage_writes_total", description: "Writes, deletes and repairs committed (each merged into its key's versions).");
        _reads = _meter.CreateCounter<long>("pairdb_storage_reads_total", description: "Point reads served.");
        _tombstonesCollected = _meter.CreateCounter<long>(
            "pairdb_storage_tombstones_collected_total", description: "Keys deleted after holding only tombstones for longer than the tombstone grace.");
        _expiredCollected = _meter.CreateCounter<long>(
            "pairdb_storage_expired_versions_collected_total",
            description: "Versions removed after expiring longer than the tombstone grace ago (a key left with none is deleted).");
        _batchSize = _meter.CreateHistogram(
            "pairdb_storage_batch_size",
            unit: null,
            description: "Commands committed per group-commit transaction.",
            tags: null,
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024] });
        _commitSeconds = _meter.CreateHistogram(
            "pairdb_storage_commit_duration_seconds",
            unit: "s",
            description: "Time of one group-commit transaction, from BEGIN to the end of COMMIT (fsync included in fsync mode).",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] });
        _meter.CreateObservableGauge(
            "pairdb_storage_keys", () => counters.Current.Keys, unit: null, description: "Keys stored (tombstone-only keys count until collected).");
        _meter.CreateObservableGauge(
            "pairdb_storage_bytes_on_disk", () => FileBytes(databasePath), unit: "By", description: "Size of the SQLite files: the database, its WAL and shared-memory index.");
    }

    /// <summary>True for an instrument of the engine of node <paramref name="nodeId"/> (a collector filter).</summary>
    public static bool IsNodeInstrument(Instrument instrument, string nodeId)
    {
        if (!string.Equals(instrument.Meter.Name, StorageMeter.Name, StringComparison.Ordinal) || instrument.Meter.Tags is not { } tags)
        {
            return false;
        }

        foreach (var tag in tags)
        {
            if (string.Equals(tag.Key, StorageMeter.NodeTag, StringComparison.Ordinal) && string.Equals(tag.Value as string, nodeId, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    public void CountWrites(int committed)
    {
        if (committed > 0)
        {
            _writes.Add(committed);
        }
    }

    public void CountRead() => _reads.Add(1);

    public void CountTombstonesCollected(int keys)
    {
        if (keys > 0)
        {
            _tombstonesCollected.Add(keys);
        }
    }

    public void CountExpiredCollected(int versions)
    {
        if (versions > 0)
        {
            _expiredCollected.Add(versions);
        }
    }

    public void RecordCommit(int commands, TimeSpan duration)
    {
        _batchSize.Record(commands);
        _commitSeconds.Record(duration.TotalSeconds);
    }

    public void Dispose() => _meter.Dispose();

    private static long FileBytes(string databasePath)
    {
        long total = 0;
        foreach (var suffix in (ReadOnlySpan<string>)["", "-wal", "-shm"])
        {
            var file = new FileInfo(databasePath + suffix);
            if (file.Exists)
            {
                total += file.Length;
            }
        }

        return total;
    }
}
