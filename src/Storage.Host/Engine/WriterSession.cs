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

    /// <summary>
    /// The next rows of a collection chunk: at most $limit rows (of every tenant) after the cursor in one segment,
    /// walking ix_kv_ring in order (the ORDER BY is the index's, so nothing is sorted), so a chunk's work in the writer
    /// is bounded by rows examined, not by candidates found; each with whether it is a candidate (a listed tenant's,
    /// given as a JSON array, holding only tombstones or a version expiring at or before the cutoff). The versions of
    /// the candidates are read by id afterwards (<see cref="ReadSession.VersionsByIdSql"/>), never carried through the walk.
    /// </summary>
    internal const string CollectableSql =
        "SELECT id, ring, tenant, key, bytes, "
        + "tenant IN (SELECT value FROM json_each($tenants)) AND (tombstone_since IS NOT NULL OR expires_at <= $cutoff) "
        + "FROM kv INDEXED BY ix_kv_ring WHERE (ring, tenant, key) > ($ring, $afterTenant, $afterKey) AND ring <= $high "
        + "ORDER BY ring, tenant, key LIMIT $limit;";

    private readonly SqliteConnection _connection;
    private readonly RawStatement _begin;
    private readonly RawStatement _commit;
    private readonly RawStatement _rollback;
    private readonly RawStatement _select;
    private readonly RawStatement _insert;
    private readonly RawStatement _update;
    private readonly SqliteCommand _collectable;
    private readonly SqliteCommand _versionsById;
    private readonly RawStatement _delete;
    private readonly SqliteCommand _purge;

    public WriterSession(SqliteConnection connection, TimeProvider time, int maxSiblings)
    {
        _connection = connection;
        Time = time;
        MaxSiblings = maxSiblings;
        // The statements every write runs go through SQLite's C API (RawStatement); the rare ones keep ADO.NET.
        _begin = new RawStatement(connection, "BEGIN IMMEDIATE;");
        _commit = new RawStatement(connection, "COMMIT;");
        _rollback = new RawStatement(connection, "ROLLBACK;");
        _select = new RawStatement(connection, "SELECT id, bytes, versions FROM kv WHERE tenant = ?1 AND key = ?2;");
        _insert = new RawStatement(
            connection, "INSERT INTO kv (tenant, key, ring, bytes, tombstone_since, versions, expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7);");
        _update = new RawStatement(connection, "UPDATE kv SET bytes = ?2, tombstone_since = ?3, versions = ?4, expires_at = ?5 WHERE id = ?1;");
        _delete = new RawStatement(connection, "DELETE FROM kv WHERE id = ?1;");
        _collectable = Prepare(CollectableSql, "$ring", "$afterTenant", "$afterKey", "$high", "$tenants", "$cutoff", "$limit");
        _versionsById = Prepare(ReadSession.VersionsByIdSql, "$id");
        _purge = Prepare(PurgeSql, "$low", "$high", "$tenant", "$limit");
    }

    /// <summary>Clock used to stamp when a key became tombstone-only.</summary>
    public TimeProvider Time { get; }

    public int MaxSiblings { get; }

    public void Begin() => _begin.Execute();

    public void Commit() => _commit.Execute();

    /// <summary>Rolls back if a transaction is open; a failed BEGIN leaves none, which is not an error here.</summary>
    public void RollbackQuietly()
    {
        try
        {
            _rollback.Execute();
        }
        catch (SqliteException)
        {
            // No transaction was active (BEGIN failed or SQLite already rolled back): nothing to undo.
        }
    }

    /// <summary>Reads a key's row inside the current transaction; false when the key has none.</summary>
    public bool TryRead(string tenant, string key, out long id, out long bytes, out byte[] versions)
    {
        try
        {
            _select.BindText(1, tenant);
            _select.BindText(2, key);
            if (!_select.Step())
            {
                id = 0;
                bytes = 0;
                versions = [];
                return false;
            }

            id = _select.ColumnInt64(0);
            bytes = _select.ColumnInt64(1);
            versions = _select.ColumnBlob(2);
            return true;
        }
        finally
        {
            _select.Reset();
        }
    }

    public void Insert(string tenant, string key, ulong ringPosition, long bytes, RowMarks marks, byte[] versions)
    {
        _insert.BindText(1, tenant);
        _insert.BindText(2, key);
        _insert.BindInt64(3, StoredPositions.ToStored(ringPosition));
        _insert.BindInt64(4, bytes);
        _insert.BindNullableInt64(5, marks.TombstoneSince);
        _insert.BindBlob(6, versions);
        _insert.BindNullableInt64(7, marks.ExpiresAt);
        _insert.Execute();
    }

    public void Update(long id, long bytes, RowMarks marks, byte[] versions)
    {
        _update.BindInt64(1, id);
        _update.BindInt64(2, bytes);
        _update.BindNullableInt64(3, marks.TombstoneSince);
        _update.BindBlob(4, versions);
        _update.BindNullableInt64(5, marks.ExpiresAt);
        _update.Execute();
    }

    public void Delete(long id)
    {
        _delete.BindInt64(1, id);
        _delete.Execute();
    }

    /// <summary>
    /// The next up to <paramref name="limit"/> rows strictly after <paramref name="after"/> and at most
    /// <paramref name="high"/>, in ring order, each with its versions when it is a collection candidate of the tenants
    /// in <paramref name="tenantsJson"/> (null otherwise).
    /// </summary>
    public List<CollectRow> ReadCollectable(RingCursor after, long high, string tenantsJson, long cutoffMicros, int limit)
    {
        _collectable.Parameters[0].Value = after.StoredRing;
        _collectable.Parameters[1].Value = after.Tenant;
        _collectable.Parameters[2].Value = after.Key;
        _collectable.Parameters[3].Value = high;
        _collectable.Parameters[4].Value = tenantsJson;
        _collectable.Parameters[5].Value = cutoffMicros;
        _collectable.Parameters[6].Value = limit;
        var rows = new List<CollectRow>();
        var candidates = new List<int>();
        using (var reader = _collectable.ExecuteReader())
        {
            while (reader.Read())
            {
                if (!reader.IsDBNull(5) && reader.GetInt64(5) != 0)
                {
                    candidates.Add(rows.Count);
                }

                rows.Add(new CollectRow(reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4), null));
            }
        }

        // Inside the writer's transaction, so each candidate still holds what the walk saw.
        foreach (var index in candidates)
        {
            _versionsById.Parameters[0].Value = rows[index].Id;
            rows[index] = rows[index] with { Versions = (byte[])_versionsById.ExecuteScalar()! };
        }

        return rows;
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
        _collectable.Dispose();
        _versionsById.Dispose();
        _delete.Dispose();
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
