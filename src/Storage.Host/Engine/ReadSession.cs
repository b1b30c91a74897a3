using Microsoft.Data.Sqlite;

namespace PairDb.Storage.Engine;

/// <summary>
/// One read connection with its prepared statements. Every statement runs in its own short implicit transaction,
/// so scans never pin an old WAL snapshot while the writer goes on.
/// </summary>
internal sealed class ReadSession : IDisposable
{
    private const string TenantFilter = "($tenant IS NULL OR tenant = $tenant)";
    private const string ScanColumns = "SELECT tenant, key, ring, versions FROM kv WHERE ";
    private const string ScanOrder = " ORDER BY ring, tenant, key LIMIT $limit;";

    /// <summary>First page of a segment.</summary>
    internal const string ScanFirstSql = ScanColumns + "ring >= $low AND ring <= $high AND " + TenantFilter + ScanOrder;

    /// <summary>Next page of a segment, strictly after the last (ring, tenant, key) returned.</summary>
    internal const string ScanNextSql =
        ScanColumns + "(ring, tenant, key) > ($ring, $afterTenant, $afterKey) AND ring <= $high AND " + TenantFilter + ScanOrder;

    /// <summary>
    /// Next page of a digest: at most $limit keys (of every tenant) strictly after the cursor, up to $high, walking
    /// ix_kv_ring in order (the index alone: its order, nothing sorted, and a key of another tenant costs no table
    /// read), each with whether its tenant is listed (a JSON array). A page's work is bounded by keys examined, so a
    /// range holding many keys of tenants not listed is still read in short statements; the listed keys' versions are
    /// read by id afterwards (<see cref="VersionsByIdSql"/>).
    /// </summary>
    internal const string DigestSql =
        "SELECT id, tenant, key, ring, tenant IN (SELECT value FROM json_each($tenants)) FROM kv INDEXED BY ix_kv_ring "
        + "WHERE (ring, tenant, key) > ($ring, $afterTenant, $afterKey) AND ring <= $high ORDER BY ring, tenant, key LIMIT $limit;";

    /// <summary>The versions of one row, by id.</summary>
    internal const string VersionsByIdSql = "SELECT versions FROM kv WHERE id = $id;";

    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _get;
    private readonly SqliteCommand _scanFirst;
    private readonly SqliteCommand _scanNext;
    private readonly SqliteCommand _digest;
    private readonly SqliteCommand _versionsById;
    private readonly SqliteCommand _count;
    private readonly SqliteCommand _probe;

    public ReadSession(SqliteConnection connection)
    {
        _connection = connection;
        _get = Prepare("SELECT versions FROM kv WHERE tenant = $tenant AND key = $key;", "$tenant", "$key");

        // Both scan statements walk ix_kv_ring (ring, tenant, key); the next page resumes strictly after the last
        // row returned, so a key present for the whole scan is returned exactly once.
        _scanFirst = Prepare(ScanFirstSql, "$low", "$high", "$tenant", "$limit");
        _scanNext = Prepare(ScanNextSql, "$ring", "$afterTenant", "$afterKey", "$high", "$tenant", "$limit");
        _digest = Prepare(DigestSql, "$ring", "$afterTenant", "$afterKey", "$high", "$tenants", "$limit");
        _versionsById = Prepare(VersionsByIdSql, "$id");
        _count = Prepare(
            "SELECT COUNT(*), TOTAL(bytes) FROM kv WHERE ring >= $low AND ring <= $high AND " + TenantFilter + ";",
            "$low", "$high", "$tenant");
        _probe = Prepare("SELECT COUNT(*) FROM sqlite_master;");
    }

    /// <summary>The stored versions BLOB of a key, or null when absent.</summary>
    public byte[]? Get(string tenant, string key)
    {
        _get.Parameters[0].Value = tenant;
        _get.Parameters[1].Value = key;
        using var reader = _get.ExecuteReader();
        return reader.Read() ? (byte[])reader.GetValue(0) : null;
    }

    /// <summary>
    /// Reads the next page of a segment [low, high] of stored positions after <paramref name="after"/> (null for the
    /// first page). Stops at <paramref name="limit"/> rows or once <paramref name="maxBytes"/> are read; returns true
    /// when the segment has no more rows.
    /// </summary>
    public bool ScanPage(long low, long high, ScanRow? after, string? tenant, int limit, long maxBytes, List<ScanRow> rows)
    {
        SqliteCommand command;
        if (after is { } cursor)
        {
            command = _scanNext;
            command.Parameters[0].Value = cursor.StoredRing;
            command.Parameters[1].Value = cursor.Tenant;
            command.Parameters[2].Value = cursor.Key;
            command.Parameters[3].Value = high;
            command.Parameters[4].Value = (object?)tenant ?? DBNull.Value;
            command.Parameters[5].Value = limit;
        }
        else
        {
            command = _scanFirst;
            command.Parameters[0].Value = low;
            command.Parameters[1].Value = high;
            command.Parameters[2].Value = (object?)tenant ?? DBNull.Value;
            command.Parameters[3].Value = limit;
        }

        return ReadPage(command, limit, maxBytes, rows);
    }

    /// <summary>
    /// Reads the next page of a digest: examines at most <paramref name="limit"/> keys strictly after
    /// <paramref name="after"/> and at most <paramref name="high"/>, adds those of the tenants in
    /// <paramref name="tenantsJson"/> to <paramref name="rows"/> (stopping early once their versions reach
    /// <paramref name="maxBytes"/>), and sets <paramref name="last"/> to the last key examined; returns true when the
    /// segment has no more keys.
    /// </summary>
    public bool DigestPage(RingCursor after, long high, string tenantsJson, int limit, long maxBytes, List<ScanRow> rows, out RingCursor last)
    {
        _digest.Parameters[0].Value = after.StoredRing;
        _digest.Parameters[1].Value = after.Tenant;
        _digest.Parameters[2].Value = after.Key;
        _digest.Parameters[3].Value = high;
        _digest.Parameters[4].Value = tenantsJson;
        _digest.Parameters[5].Value = limit;
        var keys = new List<(long Id, RingCursor Position, bool Listed)>(limit);
        using (var reader = _digest.ExecuteReader())
        {
            while (reader.Read())
            {
                keys.Add((reader.GetInt64(0), new RingCursor(reader.GetInt64(3), reader.GetString(1), reader.GetString(2)), reader.GetInt64(4) != 0));
            }
        }

        last = after;
        long bytes = 0;
        foreach (var (id, position, listed) in keys)
        {
            last = position;
            if (!listed)
            {
                continue;
            }

            // A key deleted since the walk read it is left out, as one deleted just before would have been.
            _versionsById.Parameters[0].Value = id;
            if (_versionsById.ExecuteScalar() is not byte[] versions)
            {
                continue;
            }

            rows.Add(new ScanRow(position.Tenant, position.Key, position.StoredRing, versions));
            bytes += versions.Length;
            if (bytes >= maxBytes)
            {
                return false;
            }
        }

        return keys.Count < limit;
    }

    /// <summary>Keys and bytes in a segment [low, high] of stored positions.</summary>
    public KeyStats Count(long low, long high, string? tenant)
    {
        _count.Parameters[0].Value = low;
        _count.Parameters[1].Value = high;
        _count.Parameters[2].Value = (object?)tenant ?? DBNull.Value;
        using var reader = _count.ExecuteReader();
        reader.Read();
        return new KeyStats(reader.GetInt64(0), (long)reader.GetDouble(1));
    }

    /// <summary>Touches the database file; throws when it cannot be read.</summary>
    public void Probe() => _probe.ExecuteScalar();

    public void Dispose()
    {
        _get.Dispose();
        _scanFirst.Dispose();
        _scanNext.Dispose();
        _digest.Dispose();
        _versionsById.Dispose();
        _count.Dispose();
        _probe.Dispose();
        _connection.Dispose();
    }

    /// <summary>Reads a bound page's rows until <paramref name="limit"/> or <paramref name="maxBytes"/>; true when the rows ran out first.</summary>
    private static bool ReadPage(SqliteCommand command, int limit, long maxBytes, List<ScanRow> rows)
    {
        long bytes = 0;
        var read = 0;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var versions = (byte[])reader.GetValue(3);
            rows.Add(new ScanRow(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), versions));
            read++;
            bytes += versions.Length;
            if (bytes >= maxBytes)
            {
                return false;
            }
        }

        return read < limit;
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
