using Microsoft.Data.Sqlite;
using PairDb.Messages.Ring;

namespace PairDb.Storage.Engine;

/// <summary>Anti-entropy: per-arc digests of a range, and the collection a pass that found the replicas in agreement allows.</summary>
public sealed partial class StorageEngine
{
    // Keys examined per digest page (of every tenant): each page is its own short read, so no snapshot stays open for
    // the whole range, however few of its keys belong to the listed tenants.
    private const int DigestPageKeys = 1000;

    // Rows examined per collection command (candidates or not): small enough that writes queued behind a chunk wait
    // only briefly, however few candidates a range holds.
    private const int CollectChunk = 1000;

    /// <summary>
    /// Cuts <paramref name="range"/> into <paramref name="leaves"/> equal arcs (<see cref="RingLeaves"/>; fewer when the
    /// range is narrower) and answers, per arc, the XOR of the <see cref="KeyDigest"/> hashes of the listed tenants' keys
    /// in it and their count. Reads page by page on the read connections, so writes go on meanwhile: a key present for the
    /// whole call is counted once; one written or deleted during it may or may not be.
    /// </summary>
    public async Task<IReadOnlyList<ArcDigest>> DigestRangeAsync(
        RingRange range, IReadOnlyList<string> tenants, int leaves, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(leaves, 1);
        var tenantsJson = TenantList.ToJson(tenants);
        var digest = new RangeDigest(range, leaves);
        var segments = new (ulong Low, ulong High)[2];
        var segmentCount = range.ToSegments(segments);
        var rows = new List<ScanRow>(DigestPageKeys);
        for (var s = 0; s < segmentCount; s++)
        {
            var high = StoredPositions.ToStored(segments[s].High);
            var after = RingCursor.Before(StoredPositions.ToStored(segments[s].Low));
            var exhausted = false;
            while (!exhausted)
            {
                cancellationToken.ThrowIfCancellationRequested();
                rows.Clear();
                RingCursor last;
                var session = await RentAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    exhausted = session.DigestPage(after, high, tenantsJson, DigestPageKeys, _options.MaxScanBatchBytes, rows, out last);
                }
                catch (SqliteException ex)
                {
                    throw ReadFailed(ex);
                }
                finally
                {
                    _readers.Return(session);
                }

                foreach (var row in rows)
                {
                    digest.Add(StoredPositions.FromStored(row.StoredRing), KeyDigest.Hash(row.Tenant, row.Key, Decode(row.Versions)));
                }

                after = last;
            }
        }

        return digest.Arcs;
    }

    /// <summary>
    /// For the listed tenants' keys in <paramref name="range"/>: removes every version that expired at or before
    /// <paramref name="cutoffMicros"/> and deletes every key left with none or with only tombstones stamped at or before
    /// it (<see cref="CollectRule"/>). Runs through the writer in chunks, so writes interleave; waits while the write
    /// queue is full and fails as PurgeRangeAsync does when it stays full. Call it only for a range whose replicas were
    /// all found in agreement, or a replica that missed a delete would bring the key back. Running it again is harmless.
    /// </summary>
    public async Task<CollectResult> CollectTombstonesAsync(
        RingRange range, IReadOnlyList<string> tenants, long cutoffMicros, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var tenantsJson = TenantList.ToJson(tenants);
        var segments = new (ulong Low, ulong High)[2];
        var segmentCount = range.ToSegments(segments);
        long keys = 0;
        long versions = 0;
        for (var s = 0; s < segmentCount; s++)
        {
            var high = StoredPositions.ToStored(segments[s].High);
            var after = RingCursor.Before(StoredPositions.ToStored(segments[s].Low));
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var command = new CollectCommand(after, high, tenantsJson, cutoffMicros, CollectChunk);
                await EnqueueWaitingAsync(command, "collection", keys, cancellationToken).ConfigureAwait(false);
                var chunk = await command.Task.ConfigureAwait(false);
                _metrics.CountTombstonesCollected(chunk.TombstoneKeys);
                _metrics.CountExpiredCollected(chunk.ExpiredVersions);
                keys += chunk.KeysRemoved;
                versions += chunk.VersionsRemoved;
                if (chunk.Visited < CollectChunk)
                {
                    break;
                }

                after = command.Last;
            }
        }

        return new CollectResult(keys, versions);
    }
}
