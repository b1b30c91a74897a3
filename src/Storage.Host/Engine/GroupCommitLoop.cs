using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace PairDb.Storage.Engine;

/// <summary>
/// The single writer: drains a bounded queue of commands, runs up to BatchSizeLimit of them in one transaction
/// (group commit), and completes each only after that transaction committed. When a batch fails, its commands are
/// retried one per transaction so a single bad command cannot fail its neighbours. The loop runs on a thread of its
/// own: a commit is synchronous SQLite work, and on a thread-pool worker it would hold one of the few workers a small
/// machine has (two on two cores) away from the requests for most of the time under load.
/// </summary>
internal sealed class GroupCommitLoop : IAsyncDisposable
{
    private readonly Channel<WriteCommand> _queue;
    private readonly WriterSession _session;
    private readonly EngineCounters _counters;
    private readonly EngineMetrics _metrics;
    private readonly int _maxBatchSize;
    private readonly long _maxQueuedBytes;
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Blocks the writer thread without spinning first: Task.Wait spins before it blocks, and three embedded nodes'
    // writers spinning between batches took about a sixth of a two-core machine under load.
    private readonly ManualResetEventSlim _commandsQueued = new(initialState: false, spinCount: 0);
    private readonly Action _signalCommandsQueued;
    private long _queuedBytes;
    private long _committedBatches;
    private int _largestBatch;
    private volatile bool _closed;

    public GroupCommitLoop(WriterSession session, EngineCounters counters, EngineMetrics metrics, StorageEngineOptions options)
    {
        _session = session;
        _counters = counters;
        _metrics = metrics;
        _maxBatchSize = options.BatchSizeLimit;
        _maxQueuedBytes = options.MaxQueuedBytes;
        _signalCommandsQueued = _commandsQueued.Set;
        _queue = Channel.CreateBounded<WriteCommand>(new BoundedChannelOptions(options.WriteQueueCapacity)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
        new Thread(Run) { IsBackground = true, Name = "pairdb-writer" }.Start();
    }

    /// <summary>False once the loop has stopped (closed, or failed outside any batch).</summary>
    public bool IsRunning => !_stopped.Task.IsCompleted;

    /// <summary>Transactions committed so far (a batch retried one command at a time counts each).</summary>
    public long CommittedBatches => Interlocked.Read(ref _committedBatches);

    /// <summary>Most commands committed in one transaction so far.</summary>
    public int LargestBatch => Volatile.Read(ref _largestBatch);

    /// <summary>Queues a command without waiting; false when the queue is full by count or by bytes.</summary>
    public bool TryEnqueue(WriteCommand command)
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        var total = Interlocked.Add(ref _queuedBytes, command.QueuedBytes);

        // A command larger than the whole byte budget is still admitted into an otherwise empty queue.
        if (total > _maxQueuedBytes && total != command.QueuedBytes)
        {
            Interlocked.Add(ref _queuedBytes, -command.QueuedBytes);
            return false;
        }

        if (!_queue.Writer.TryWrite(command))
        {
            Interlocked.Add(ref _queuedBytes, -command.QueuedBytes);
            ObjectDisposedException.ThrowIf(_closed, this);
            return false;
        }

        return true;
    }

    /// <summary>Stops accepting commands, commits everything already queued, then closes the writer connection.</summary>
    public async ValueTask DisposeAsync()
    {
        _closed = true;
        _queue.Writer.TryComplete();
        await _stopped.Task.ConfigureAwait(false);
        _session.Dispose();
        _commandsQueued.Dispose();
    }

    private void Run()
    {
        try
        {
            Drain();
            _stopped.SetResult();
        }
        catch (Exception ex)
        {
            _stopped.SetException(ex);
        }
    }

    private void Drain()
    {
        var batch = new List<WriteCommand>(_maxBatchSize);
        var reader = _queue.Reader;
        while (WaitForCommands(reader))
        {
            long bytes = 0;
            while (batch.Count < _maxBatchSize && reader.TryRead(out var command))
            {
                batch.Add(command);
                bytes += command.QueuedBytes;
            }

            CommitBatch(batch);
            Interlocked.Add(ref _queuedBytes, -bytes);
            batch.Clear();
        }
    }

    /// <summary>Blocks this thread until a command is queued (true) or the queue is completed and empty (false).</summary>
    [SuppressMessage("Reliability", "CA2012", Justification = "The ValueTask is consumed once: its result is read only when it has completed, at once or after its completion callback fired.")]
    private bool WaitForCommands(ChannelReader<WriteCommand> reader)
    {
        var wait = reader.WaitToReadAsync();
        if (wait.IsCompleted)
        {
            return wait.GetAwaiter().GetResult();
        }

        _commandsQueued.Reset();
        wait.GetAwaiter().UnsafeOnCompleted(_signalCommandsQueued);
        _commandsQueued.Wait();
        return wait.GetAwaiter().GetResult();
    }

    private void CommitBatch(List<WriteCommand> batch)
    {
        if (TryCommit(batch, 0, batch.Count, out var error))
        {
            Publish(batch, 0, batch.Count);
            return;
        }

        if (batch.Count == 1)
        {
            batch[0].Fail(error);
            return;
        }

        for (var i = 0; i < batch.Count; i++)
        {
            if (TryCommit(batch, i, 1, out error))
            {
                Publish(batch, i, 1);
            }
            else
            {
                batch[i].Fail(error);
            }
        }
    }

    private bool TryCommit(List<WriteCommand> batch, int start, int count, [NotNullWhen(false)] out Exception? error)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            _session.Begin();
            for (var i = start; i < start + count; i++)
            {
                batch[i].Execute(_session);
            }

            _session.Commit();
            _metrics.RecordCommit(count, Stopwatch.GetElapsedTime(started));
            Interlocked.Increment(ref _committedBatches);
            if (count > _largestBatch)
            {
                Volatile.Write(ref _largestBatch, count);
            }

            error = null;
            return true;
        }
        catch (Exception ex)
        {
            _session.RollbackQuietly();
            error = Describe(ex);
            return false;
        }
    }

    private void Publish(List<WriteCommand> batch, int start, int count)
    {
        var writes = 0;
        for (var i = start; i < start + count; i++)
        {
            _counters.Add(batch[i].KeyDelta, batch[i].ByteDelta);
            writes += batch[i] is MergeCommand ? 1 : 0;
            batch[i].Complete();
        }

        _metrics.CountWrites(writes);
    }

    private static StorageEngineException Describe(Exception ex) => ex switch
    {
        StorageEngineException engine => engine,
        SqliteException sqlite => new StorageEngineException(
            $"The storage engine could not commit the write (SQLite error {sqlite.SqliteErrorCode}: {sqlite.Message}).", sqlite),
        InvalidDataException corrupt => new StorageEngineException(
            $"The stored versions of the key are unreadable: {corrupt.Message}", corrupt),
        _ => new StorageEngineException($"The storage engine failed to apply the write: {ex.Message}", ex),
    };
}
