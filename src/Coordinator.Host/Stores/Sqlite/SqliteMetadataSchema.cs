using Microsoft.Data.Sqlite;

namespace PairDb.Coordinator.Stores.Sqlite;

/// <summary>
/// The metadata database's versioned schema: migration N brings a database from version N-1 to N, and each
/// applied version is recorded in schema_version, so starting any coordinator on any older file is safe.
/// </summary>
internal static class SqliteMetadataSchema
{
    // Append only: an applied migration is never edited, a change is a new entry. Timestamps are Unix microseconds.
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE tenants (
            tenant_id TEXT NOT NULL PRIMARY KEY,
            replication_factor INTEGER NOT NULL,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            version INTEGER NOT NULL
        );
        CREATE TABLE storage_nodes (
            node_id TEXT NOT NULL PRIMARY KEY,
            host TEXT NOT NULL,
            port INTEGER NOT NULL,
            virtual_nodes INTEGER NOT NULL,
            status TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL
        );
        """,
        """
        CREATE TABLE migrations (
            id TEXT NOT NULL PRIMARY KEY,
            type TEXT NOT NULL,
            node_id TEXT NOT NULL,
            tenant_id TEXT NOT NULL,
            previous_replication_factor INTEGER NOT NULL,
            replication_factor INTEGER NOT NULL,
            status TEXT NOT NULL,
            phase TEXT NOT NULL,
            keys_migrated INTEGER NOT NULL,
            total_keys INTEGER NOT NULL,
            started_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            finished_at INTEGER,
            switched_at INTEGER,
            error TEXT,
            owner_id TEXT,
            lease_until INTEGER,
            active_slot INTEGER UNIQUE
        );
        CREATE TABLE migration_tasks (
            migration_id TEXT NOT NULL REFERENCES migrations (id) ON DELETE CASCADE,
            task_id TEXT NOT NULL,
            keys_copied INTEGER NOT NULL,
            completed_at INTEGER NOT NULL,
            PRIMARY KEY (migration_id, task_id)
        );
        """,
        """
        DROP TABLE migration_tasks;
        ALTER TABLE migrations DROP COLUMN lease_until;
        """,
        """
        CREATE TABLE tenant_tokens (
            token_id TEXT NOT NULL PRIMARY KEY,
            tenant_id TEXT NOT NULL REFERENCES tenants (tenant_id),
            salt BLOB NOT NULL,
            secret_hash BLOB NOT NULL,
            created_at INTEGER NOT NULL,
            revoked_at INTEGER
        );
        CREATE INDEX ix_tenant_tokens_tenant ON tenant_tokens (tenant_id, created_at);
        CREATE TABLE audit_records (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            at INTEGER NOT NULL,
            caller TEXT NOT NULL,
            method TEXT NOT NULL,
            target TEXT NOT NULL,
            status TEXT NOT NULL
        );
        """,
        """
        ALTER TABLE tenants ADD COLUMN requests_per_second INTEGER;
        ALTER TABLE tenants ADD COLUMN bytes_per_second INTEGER;
        """,
        """
        CREATE TABLE repair_pass (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            number INTEGER NOT NULL,
            started_at INTEGER NOT NULL,
            last_full_started_at INTEGER,
            last_full_completed_at INTEGER
        );
        CREATE TABLE repair_ranges (
            replication_factor INTEGER NOT NULL,
            range_start INTEGER NOT NULL,
            range_end INTEGER NOT NULL,
            replicas TEXT NOT NULL,
            synced_at INTEGER,
            attempted_at INTEGER NOT NULL,
            keys_read INTEGER NOT NULL,
            keys_repaired INTEGER NOT NULL,
            tombstones_collected INTEGER NOT NULL,
            last_error TEXT,
            PRIMARY KEY (replication_factor, range_start, range_end)
        );
        """,
        """
        ALTER TABLE storage_nodes ADD COLUMN incarnation TEXT;
        ALTER TABLE storage_nodes ADD COLUMN rebuilding_since INTEGER;
        """,
    ];

    /// <summary>The version this code reads and writes.</summary>
    public static int CurrentVersion => Migrations.Length;

    /// <summary>Applies every missing migration in one transaction; returns the version found before.</summary>
    public static int Migrate(SqliteConnection connection, long nowMicros)
    {
        using var transaction = connection.BeginTransaction();
        SqliteDatabase.Execute(
            connection,
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, applied_at INTEGER NOT NULL);",
            transaction);
        var found = Convert.ToInt32(SqliteDatabase.Scalar(connection, "SELECT COALESCE(MAX(version), 0) FROM schema_version;", transaction));
        if (found > CurrentVersion)
        {
            throw new InvalidOperationException(
                $"The metadata database has schema version {found}; this coordinator knows up to {CurrentVersion}. Upgrade the coordinator.");
        }

        for (var version = found + 1; version <= CurrentVersion; version++)
        {
            SqliteDatabase.Execute(connection, Migrations[version - 1], transaction);
            using var record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = "INSERT INTO schema_version (version, applied_at) VALUES ($version, $now);";
            record.Parameters.AddWithValue("$version", version);
            record.Parameters.AddWithValue("$now", nowMicros);
            record.ExecuteNonQuery();
        }

        transaction.Commit();
        return found;
    }
}
