using Microsoft.Data.Sqlite;
using PairDb.Storage.Hosting;

namespace PairDb.Storage.Engine;

/// <summary>Connection settings and the table layout of the engine's SQLite database.</summary>
internal static class SqliteSchema
{
    /// <summary>The schema this code reads and writes (PRAGMA user_version).</summary>
    /// <remarks>
    /// 1: the first layout. 2: adds kv.expires_at (NULL on every existing row, as no version expired then). 3: adds the
    /// node_identity table holding the database's incarnation (made when a database is created or upgraded to 3), and
    /// drops the partial indexes on kv.tombstone_since and kv.expires_at.
    /// </remarks>
    public const int Version = 3;

    // Brings a schema-1 database to schema 2 (the expires_at column) before CreateTables brings it to 3.
    private const string UpgradeFrom1 = "ALTER TABLE kv ADD COLUMN expires_at INTEGER;";

    // One row per key. The versions BLOB comes last so reading the small columns never touches overflow pages.
    // tombstone_since is the local time (Unix microseconds) at which the key last became tombstone-only, NULL
    // while any version is live; expires_at is the earliest expiry (Unix microseconds, stamped by the coordinator)
    // among the key's versions, NULL when none expires. CollectTombstones walks a range on ix_kv_ring and reads both to
    // skip the keys it cannot collect without decoding their versions; no query uses an index on either
    // (schema 3 dropped the partial ones), so writes do not maintain them.
    private const string CreateTables = """
        CREATE TABLE IF NOT EXISTS kv (
            id INTEGER PRIMARY KEY,
            tenant TEXT NOT NULL,
            key TEXT NOT NULL,
            ring INTEGER NOT NULL,
            bytes INTEGER NOT NULL,
            tombstone_since INTEGER,
            versions BLOB NOT NULL,
            expires_at INTEGER
        );
        CREATE UNIQUE INDEX IF NOT EXISTS ux_kv_key ON kv (tenant, key);
        CREATE INDEX IF NOT EXISTS ix_kv_ring ON kv (ring, tenant, key);
        DROP INDEX IF EXISTS ix_kv_tombstone;
        DROP INDEX IF EXISTS ix_kv_expires;
        CREATE TABLE IF NOT EXISTS node_identity (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            incarnation TEXT NOT NULL
        );
        """;

    /// <summary>Full path of the database file.</summary>
    public static string DatabasePath(StorageEngineOptions options) =>
        Path.Combine(options.DataDirectory, StorageEngineOptions.DatabaseFileName);

    /// <summary>Opens a connection with the engine's settings (pooling off: the engine keeps its own connections).</summary>
    public static SqliteConnection Open(StorageEngineOptions options, bool readOnly)
    {
        SqliteLibrary.Configure();
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath(options),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = false,
            DefaultTimeout = 30,
        };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            var synchronous = options.Durability == DurabilityMode.Fsync ? "FULL" : "NORMAL";
            Execute(connection, $"PRAGMA busy_timeout = 5000; PRAGMA cache_size = -{options.PageCacheKiB}; PRAGMA temp_store = MEMORY; PRAGMA synchronous = {synchronous};");
            if (readOnly)
            {
                Execute(connection, "PRAGMA query_only = 1;");
            }
            else
            {
                // Only the writer commits, so only its setting decides when the WAL is copied into the database.
                Execute(connection, $"PRAGMA wal_autocheckpoint = {options.WalCheckpointPages};");
            }

            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Sets the page size of a new database, switches it to WAL and creates or checks the schema; run on the writer
    /// connection first. The page size must precede the switch to WAL, which writes the file's header; on an
    /// existing database SQLite ignores it. A database of an older schema is upgraded in the same transaction. Returns
    /// the database's incarnation: a random id stored when the database is created (or first opened at schema 3), the
    /// same on every later open.
    /// </summary>
    public static string Initialize(SqliteConnection writer, int pageSizeBytes)
    {
        using (var command = writer.CreateCommand())
        {
            command.CommandText = $"PRAGMA page_size = {pageSizeBytes}; PRAGMA journal_mode = WAL;";
            var mode = command.ExecuteScalar() as string;
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new StorageEngineException($"SQLite refused WAL mode (journal_mode is '{mode}').");
            }
        }

        var version = Convert.ToInt32(Scalar(writer, "PRAGMA user_version;"));
        if (version > Version)
        {
            throw new StorageEngineException(
                $"The database was written by a newer storage node (schema {version}, this node reads {Version}).");
        }

        var upgrade = version == 1 ? UpgradeFrom1 : "";

        // A GUID in hex: nothing to escape. OR IGNORE keeps the incarnation a database already has.
        var incarnation = $"INSERT OR IGNORE INTO node_identity (id, incarnation) VALUES (1, '{Guid.NewGuid():N}');";
        Execute(writer, "BEGIN IMMEDIATE;" + upgrade + CreateTables + incarnation + $"PRAGMA user_version = {Version}; COMMIT;");
        return (string)Scalar(writer, "SELECT incarnation FROM node_identity WHERE id = 1;")!;
    }

    /// <summary>Runs SQL that returns nothing.</summary>
    public static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Runs SQL that returns one value.</summary>
    public static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
