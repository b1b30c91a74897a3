using PairDb.Messages.Values;

namespace PairDb.Storage.Engine;

/// <summary>
/// A node's durable replica store on SQLite (WAL): one row per key holding its sibling set. Writes go through a
/// single group-commit loop and are acknowledged only once committed; reads use a pool of read connections.
/// </summary>
public sealed partial class StorageEngine : IAsyncDisposable
{
    private readonly StorageEngineOptions _options;
    private readonly TimeProvider _time;
    private readonly GroupCommitLoop _writer;
    private readonly ReadSessionPool _readers;
    private readonly EngineCounters _counters;
    private readonly EngineMetrics _metrics;
    private int _disposed;

    private StorageEngine(
        StorageEngineOptions options, string incarnation, TimeProvider time, GroupCommitLoop writer, ReadSessionPool readers, EngineCounters counters, EngineMetrics metrics)
    {
        _options = options;
        Incarnation = incarnation;
        _time = time;
        _writer = writer;
        _readers = readers;
        _counters = counters;
        _metrics = metrics;
    }

    public StorageEngineOptions Options => _options;

    /// <summary>
    /// The random id the database was given when it was created: the same across restarts, a new one when the data folder
    /// was wiped, so coordinators can tell a node that lost its data.
    /// </summary>
    public string Incarnation { get; }

    /// <summary>Full path of the SQLite database file.</summary>
    public string DatabasePath => SqliteSchema.DatabasePath(_options);

    /// <summary>True until disposed, while the writer loop runs.</summary>
    public bool IsOpen => Volatile.Read(ref _disposed) == 0 && _writer.IsRunning;

    /// <summary>Keys and bytes stored (kept current by every commit).</summary>
    public KeyStats Stats => _counters.Current;

    /// <summary>Transactions the group-commit loop has committed (fewer than writes when batching works).</summary>
    public long CommittedBatches => _writer.CommittedBatches;

    /// <summary>Most writes committed in one transaction so far.</summary>
    public int LargestBatch => _writer.LargestBatch;

    /// <summary>Opens (creating if needed) the database in the configured folder and starts the writer.</summary>
    public static StorageEngine Open(StorageEngineOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Directory.CreateDirectory(options.DataDirectory);
        var writerConnection = SqliteSchema.Open(options, readOnly: false);
        ReadSessionPool? readers = null;
        try
        {
            var incarnation = SqliteSchema.Initialize(writerConnection, options.PageSizeBytes);
            readers = new ReadSessionPool(options);
            var counters = new EngineCounters(CountAll(readers));
            var time = timeProvider ?? TimeProvider.System;
            var session = new WriterSession(writerConnection, time, options.MaxSiblings);
            var metrics = new EngineMetrics(options.NodeId, counters, SqliteSchema.DatabasePath(options));
            return new StorageEngine(options, incarnation, time, new GroupCommitLoop(session, counters, metrics, options), readers, counters, metrics);
        }
        catch
        {
            readers?.Dispose();
            writerConnection.Dispose();
            throw;
        }
    }

    /// <summary>Merges one version (live or tombstone) into the key's sibling set.</summary>
    public ValueTask<WriteOutcome> WriteAsync(string tenant, string key, VersionedValue version) =>
        WriteAsync(tenant, key, version, ifDominates: false);

    /// <summary>
    /// Merges one version into the key's sibling set; with <paramref name="ifDominates"/>, only when its clock strictly
    /// dominates the clock of every stored version (tombstones included), the key holds none, or it holds this very
    /// version (a duplicate, <see cref="WriteStatus.Dropped"/>), and otherwise changes nothing and returns
    /// <see cref="WriteStatus.Conflict"/> with the stored versions.
    /// </summary>
    public ValueTask<WriteOutcome> WriteAsync(string tenant, string key, VersionedValue version, bool ifDominates)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(version);
        return Enqueue(new MergeCommand(tenant, key, version, ifDominates));
    }

    /// <summary>Merges several versions into the key's sibling set in one step (read repair, data movement).</summary>
    /// <remarks>The list is read by the writer after this call returns; do not change it until the task completes.</remarks>
    public ValueTask<WriteOutcome> RepairAsync(string tenant, string key, IReadOnlyList<VersionedValue> versions)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(versions);
        if (versions.Count == 0)
        {
            throw new ArgumentException("A repair needs at least one version.", nameof(versions));
        }

        return Enqueue(new MergeCommand(tenant, key, versions));
    }

    /// <summary>Commits what is queued, then closes every connection.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _writer.DisposeAsync().ConfigureAwait(false);
        _readers.Dispose();
        _metrics.Dispose();
    }

    private ValueTask<WriteOutcome> Enqueue(MergeCommand command)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return _writer.TryEnqueue(command)
            ? new ValueTask<WriteOutcome>(command.Task)
            : new ValueTask<WriteOutcome>(new WriteOutcome(WriteStatus.Overloaded, 0));
    }

    private static KeyStats CountAll(ReadSessionPool readers)
    {
        var session = readers.RentAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
        try
        {
            return session.Count(long.MinValue, long.MaxValue, null);
        }
        finally
        {
            readers.Return(session);
        }
    }
}
