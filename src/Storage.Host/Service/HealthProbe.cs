using PairDb.Storage.Engine;
using PairDb.Storage.Hosting;

namespace PairDb.Storage.Service;

/// <summary>
/// Measures health for real on every call: a read through the engine, a file created and deleted in the data
/// folder, and the free space of its file system. Once the node is shutting down it is unhealthy, whatever it measures.
/// </summary>
public sealed class HealthProbe
{
    /// <summary>The status of a ready node; an unready one's starts with NOT_SERVING and names its problems.</summary>
    public const string Serving = "SERVING";

    private readonly StorageEngine _engine;
    private readonly StorageNodeOptions _options;
    private readonly DrainGate? _drain;

    /// <param name="engine">The node's engine.</param>
    /// <param name="options">For the data folder and the free-space floor.</param>
    /// <param name="drain">Flipped when the node starts shutting down; null when the probe runs outside a server.</param>
    public HealthProbe(StorageEngine engine, StorageNodeOptions options, DrainGate? drain = null)
    {
        _engine = engine;
        _options = options;
        _drain = drain;
    }

    public async Task<HealthReport> CheckAsync(CancellationToken cancellationToken = default)
    {
        var engineOpen = await _engine.ProbeAsync(cancellationToken).ConfigureAwait(false);
        var directory = Path.GetFullPath(_options.DataDirectory);
        var writable = await IsWritableAsync(directory, cancellationToken).ConfigureAwait(false);
        var (free, total) = DiskSpace(directory);
        var problems = new List<string>();
        if (_drain is { IsDraining: true })
        {
            problems.Add("node is shutting down");
        }

        if (!engineOpen)
        {
            problems.Add("storage engine is not open");
        }

        if (!writable)
        {
            problems.Add($"data directory {directory} is not writable");
        }

        if (free < _options.MinFreeDiskBytes)
        {
            problems.Add($"low disk space: {free} bytes free, {_options.MinFreeDiskBytes} required");
        }

        var stats = _engine.Stats;
        var usage = total > 0 ? (float)(100.0 * (total - free) / total) : 0f;
        var status = problems.Count == 0 ? Serving : "NOT_SERVING: " + string.Join("; ", problems);
        return new HealthReport(problems.Count == 0, _options.NodeId, status, engineOpen, writable, free, usage, stats.Keys, stats.Bytes, _engine.Incarnation);
    }

    private static async Task<bool> IsWritableAsync(string directory, CancellationToken cancellationToken)
    {
        var probe = Path.Combine(directory, $".health-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            await File.WriteAllBytesAsync(probe, [1], cancellationToken).ConfigureAwait(false);
            File.Delete(probe);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static (long Free, long Total) DiskSpace(string directory)
    {
        try
        {
            var drive = new DriveInfo(directory);
            return (drive.AvailableFreeSpace, drive.TotalSize);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return (0, 0);
        }
    }
}
