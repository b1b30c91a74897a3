using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using PairDb.Messages.Ring;
using PairDb.Messages.Values;

namespace PairDb.Storage.Engine;

/// <summary>Read side of the engine: point reads, range scans and counts on pooled read connections.</summary>
public sealed partial class StorageEngine
{
    /// <summary>Every stored version of the key, tombstones included; empty when the key is unknown.</summary>
    public async ValueTask<IReadOnlyList<VersionedValue>> ReadAsync(string tenant, string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(key);
        var session = await RentAsync(cancellationToken).ConfigureAwait(false);
        byte[]? blob;
        try
        {
            blob = session.Get(tenant, key);
        }
        catch (SqliteException ex)
        {
            throw ReadFailed(ex);
        }
        finally
        {
            _readers.Return(session);
        }

        _metrics.CountRead();
        return blob is null ? [] : Decode(blob);
    }

    /// <summary>
    /// Streams every key whose ring position lies in <paramref name="range"/>, clockwise from its start, in batches
    /// of at most <paramref name="batchSize"/> keys (fewer when a batch reaches the configured byte bound). Each batch
    /// is its own short read, so writes go on meanwhile: a key present for the whole scan is returned exactly once;
    /// one written or deleted during it may or may not be.
    /// </summary>
    public async IAsyncEnumerable<IReadOnlyList<StoredKey>> ScanAsync(
        RingRange range,
        int batchSize,
        string? tenant = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var segments = new (ulong Low, ulong High)[2];
        var segmentCount = range.ToSegments(segments);
        var rows = new List<ScanRow>(batchSize);
        for (var s = 0; s < segmentCount; s++)
        {
            var low = StoredPositions.ToStored(segments[s].Low);
            var high = StoredPositions.ToStored(segments[s].High);
            ScanRow? after = null;
            var exhausted = false;
            while (!exhausted)
            {
                cancellationToken.ThrowIfCancellationRequested();
                rows.Clear();
                var session = await RentAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    exhausted = session.ScanPage(low, high, after, tenant, batchSize, _options.MaxScanBatchBytes, rows);
                }
                catch (SqliteException ex)
                {
                    throw ReadFailed(ex);
                }
                finally
                {
                    _readers.Return(session);
                }

                if (rows.Count == 0)
                {
                    break;
                }

                after = rows[^1];
                yield return DecodeRows(rows);
            }
        }
    }

    /// <summary>Keys and stored bytes whose ring position lies in <paramref name="range"/>.</summary>
    public async ValueTask<KeyStats> CountAsync(RingRange range, string? tenant = null, CancellationToken cancellationToken = default)
    {
        var segments = new (ulong Low, ulong High)[2];
        var segmentCount = range.ToSegments(segments);
        var session = await RentAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            long keys = 0;
            long bytes = 0;
            for (var s = 0; s < segmentCount; s++)
            {
                var count = session.Count(StoredPositions.ToStored(segments[s].Low), StoredPositions.ToStored(segments[s].High), tenant);
                keys += count.Keys;
                bytes += count.Bytes;
            }

            return new KeyStats(keys, bytes);
        }
        catch (SqliteException ex)
        {
            throw ReadFailed(ex);
        }
        finally
        {
            _readers.Return(session);
        }
    }

    /// <summary>True when the engine is open and its database answers a read.</summary>
    public async ValueTask<bool> ProbeAsync(CancellationToken cancellationToken = default)
    {
        if (!IsOpen)
        {
            return false;
        }

        try
        {
            var session = await _readers.RentAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                session.Probe();
                return true;
            }
            finally
            {
                _readers.Return(session);
            }
        }
        catch (Exception ex) when (ex is SqliteException or ObjectDisposedException)
        {
            return false;
        }
    }

    private ValueTask<ReadSession> RentAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return _readers.RentAsync(cancellationToken);
    }

    private static List<StoredKey> DecodeRows(List<ScanRow> rows)
    {
        var batch = new List<StoredKey>(rows.Count);
        foreach (var row in rows)
        {
            batch.Add(new StoredKey(row.Tenant, row.Key, StoredPositions.FromStored(row.StoredRing), Decode(row.Versions)));
        }

        return batch;
    }

    private static IReadOnlyList<VersionedValue> Decode(byte[] blob)
    {
        try
        {
            return VersionCodec.Decode(blob);
        }
        catch (InvalidDataException ex)
        {
            throw new StorageEngineException($"The stored versions of the key are unreadable: {ex.Message}", ex);
        }
    }

    private static StorageEngineException ReadFailed(SqliteException ex) =>
        new($"The storage engine could not read (SQLite error {ex.SqliteErrorCode}: {ex.Message}).", ex);
}
