using Microsoft.Data.Sqlite;

namespace PairDb.Storage.Engine;

/// <summary>
/// The single writer connection and its prepared statements. Only the group-commit loop uses it, so statements are
/// prepared once and reused for every write, and transactions are plain BEGIN/COMMIT statements.
/// </summary>
internal sealed class WriterSession : IDisposable
{
    /// <summary>
    /// Deletes up to $limit keys of one stored-position segment, lowest positions first: ORDER BY ring walks
    /// ix_kv_ring without sorting, and lets the caller resume the next chunk from the highest position deleted.
    /// </summary>
    internal const string PurgeSql =
        "DELETE FROM kv WHERE id IN (SELECT id FROM kv WHERE ring >= $low AND ring <= $high AND ($tenant IS NULL OR tenant = $tenant) "
        + "ORDER BY ring LIMIT $limit) RETURNING ring, bytes;";

    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _begin;
    private readonly SqliteCommand _commit;
    private readonly SqliteCommand _rollback;
    private readonly SqliteCommand _select;
    private readonly SqliteCommand _insert;
    private readonly SqliteCommand _update;
    private readonly SqliteCommand _sweep;
    private readonly SqliteCommand _purge;

    public WriterSession(SqliteConnection connection, TimeProvider time, int maxSiblings)
    {
        _connection = connection;
        Time = time;
        MaxSiblings = maxSiblings;
        _begin = Prepare("BEGIN IMMEDIATE;");
        _commit = Prepare("COMMIT;");
        _rollback = Prepare("ROLLBACK;");
        _select = Prepare("SELECT id, bytes, versions FROM kv WHERE tenant = $tenant AND key = $key;", "$tenant", "$key");
        _insert = Prepare(
            "INSERT INTO kv (tenant, key, ring, bytes, tombstone_since, versions) VALUES ($tenant, $key, $ring, $bytes, $since, $versions);",
            "$tenant", "$key", "$ring", "$bytes", "$since", "$versions");
        _update = Prepare(
            "UPDATE kv SET bytes = $bytes, tombstone_since = $since, versions = $versions WHERE id = $id;",
            "$id", "$bytes", "$since", "$versions");
        _sweep = Prepare(
            "DELETE FROM kv WHERE id IN (SELECT id FROM kv WHERE tombstone_since <= $cutoff LIMIT $limit) RETURNING bytes;",
            "$cutoff", "$limit");
        _purge = Prepare(PurgeSql, "$low", "$high", "$tenant", "$limit");
    }

    /// <summary>Clock used to stamp when a key became tombstone-only.</summary>
    public TimeProvider Time { get; }

    public int MaxSiblings { get; }

    public void Begin() => _begin.ExecuteNonQuery();

    public void Commit() => _commit.ExecuteNonQuery();

    /// <summary>Rolls back if a transaction is open; a failed BEGIN leaves none, which is not an error here.</summary>
    public void RollbackQuietly()
    {
        try
        {
            _rollback.ExecuteNonQuery();
        }
        catch (SqliteException)
        {
            // No transaction was active (BEGIN failed or SQLite already rolled back): nothing to undo.
        }
    }

    /// <summary>Reads a key's row inside the current transaction; false when the key has none.</summary>
    public bool TryRead(string tenant, string key, out long id, out long bytes, out byte[] versions)
    {
        _select.Parameters[0].Value = tenant;
        _select.Parameters[1].Value = key;
        using var reader = _select.ExecuteReader();
        if (!reader.Read())
        {
            id = 0;
            bytes = 0;
            versions = [];
            return false;
        }

        id = reader.GetInt64(0);
        bytes = reader.GetInt64(1);
        versions = (byte[])reader.GetValue(2);
        return true;
    }

    public void Insert(string tenant, string key, ulong ringPosition, long bytes, long? tombstoneSince, byte[] versions)
    {
        _insert.Parameters[0].Value = tenant;
        _insert.Parameters[1].Value = key;
        _insert.Parameters[2].Value = RingPositions.ToStored(ringPosition);
        _insert.Parameters[3].Value = bytes;
        _insert.Parameters[4].Value = tombstoneSince.HasValue ? tombstoneSince.Value : DBNull.Value;
        _insert.Parameters[5].Value = versions;
        _insert.ExecuteNonQuery();
    }

    public void Update(long id, long bytes, long? tombstoneSince, byte[] versions)
    {
        _update.Parameters[0].Value = id;
        _update.Parameters[1].Value = bytes;
        _update.Parameters[2].Value = tombstoneSince.HasValue ? tombstoneSince.Value : DBNull.Value;
        _update.Parameters[3].Value = versions;
        _update.ExecuteNonQuery();
    }

    /// <summary>Deletes up to <paramref name="limit"/> keys that have been tombstone-only since before the cutoff.</summary>
    public KeyStats DeleteExpiredTombstones(long cutoffMicros, int limit)
    {
        _sweep.Parameters[0].Value = cutoffMicros;
        _sweep.Parameters[1].Value = limit;
        long keys = 0;
        long bytes = 0;
        using var reader = _sweep.ExecuteReader();
        while (reader.Read())
        {
            keys++;
            bytes += reader.GetInt64(0);
        }

        return new KeyStats(keys, bytes);
    }

    /// <summary>
    /// Deletes up to <paramref name="limit"/> keys whose stored position lies in [low, high] (of one tenant, or all
    /// when null); <paramref name="lastRing"/> is the highest stored position deleted (low when none was).
    /// </summary>
    public KeyStats DeleteRange(long low, long high, string? tenant, int limit, out long lastRing)
    {
        _purge.Parameters[0].Value = low;
        _purge.Parameters[1].Value = high;
        _purge.Parameters[2].Value = (object?)tenant ?? DBNull.Value;
        _purge.Parameters[3].Value = limit;
        long keys = 0;
        long bytes = 0;
        lastRing = low;

        // RETURNING yields rows in no particular order, so the highest position is tracked rather than taken last.
        using var reader = _purge.ExecuteReader();
        while (reader.Read())
        {
            keys++;
            lastRing = Math.Max(lastRing, reader.GetInt64(0));
            bytes += reader.GetInt64(1);
        }

        return new KeyStats(keys, bytes);
    }

    public void Dispose()
    {
        _begin.Dispose();
        _commit.Dispose();
        _rollback.Dispose();
        _select.Dispose();
        _insert.Dispose();
        _update.Dispose();
        _sweep.Dispose();
        _purge.Dispose();
        _connection.Dispose();
    }

    private SqliteCommand Prepare(string sql, params string[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        // Compiled once here and reused by every call (parameters are rebound), never re-parsed per request.
        command.Prepare();
        return command;
    }
}
