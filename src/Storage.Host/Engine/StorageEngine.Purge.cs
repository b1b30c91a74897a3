using PairDb.Messages.Ring;

namespace PairDb.Storage.Engine;

/// <summary>Range purge: physically removes the keys of ranges this node no longer owns.</summary>
public sealed partial class StorageEngine
{
    // Keys deleted per writer command: small enough that writes queued behind a chunk wait only briefly.
    private const int PurgeChunk = 1000;

    // How long a purge or collection keeps retrying while the write queue stays full before it fails (the writer is
    // then saturated for far longer than any burst, and the caller should retry later rather than wait on).
    private static readonly TimeSpan QueueWait = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan BackoffFirst = TimeSpan.FromMilliseconds(1);
    private static readonly TimeSpan BackoffMax = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Deletes, without tombstones, every key of <paramref name="tenant"/> (every tenant when null) whose ring
    /// position lies in <paramref name="range"/>, in chunks through the writer so writes interleave; returns how
    /// many keys were removed. A key present for the whole purge is removed; one written into the range during it
    /// may or may not be. When the write queue is full the purge waits and retries; it either finishes or throws
    /// (<see cref="StorageEngineException"/> when the queue stayed full too long or SQLite failed,
    /// <see cref="ObjectDisposedException"/> when the engine closed, cancellation). Running it again is harmless.
    /// </summary>
    public async Task<long> PurgeRangeAsync(RingRange range, string? tenant = null, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var segments = new (ulong Low, ulong High)[2];
        var segmentCount = range.ToSegments(segments);
        long total = 0;
        for (var s = 0; s < segmentCount; s++)
        {
            var low = StoredPositions.ToStored(segments[s].Low);
            var high = StoredPositions.ToStored(segments[s].High);
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var command = new PurgeCommand(low, high, tenant, PurgeChunk);
                await EnqueueWaitingAsync(command, "purge", total, cancellationToken).ConfigureAwait(false);
                var deleted = await command.Task.ConfigureAwait(false);
                total += deleted;
                if (deleted < PurgeChunk)
                {
                    break;
                }

                // Everything below the highest deleted position is gone; keys sharing it may remain, so resume there.
                low = command.LastStoredRing;
            }
        }

        return total;
    }

    /// <summary>
    /// Enqueues a chunk of a long-running removal (<paramref name="operation"/>: purge, collection), waiting with a
    /// short backoff while the write queue is full; throws once it stayed full for <see cref="QueueWait"/>.
    /// </summary>
    private async Task EnqueueWaitingAsync(WriteCommand command, string operation, long removedSoFar, CancellationToken cancellationToken)
    {
        if (_writer.TryEnqueue(command))
        {
            return;
        }

        var since = _time.GetTimestamp();
        var backoff = BackoffFirst;
        while (true)
        {
            await Task.Delay(backoff, _time, cancellationToken).ConfigureAwait(false);
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
            if (_writer.TryEnqueue(command))
            {
                return;
            }

            if (_time.GetElapsedTime(since) >= QueueWait)
            {
                throw new StorageEngineException(
                    $"The write queue stayed full for {QueueWait.TotalSeconds:0} s, so the {operation} stopped after removing {removedSoFar} keys; retry it later (running it again is harmless).");
            }

            backoff = backoff * 2 < BackoffMax ? backoff * 2 : BackoffMax;
        }
    }
}
