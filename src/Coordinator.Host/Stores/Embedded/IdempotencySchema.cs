using Microsoft.Data.Sqlite;
using PairDb.Coordinator.Stores.Sqlite;

namespace PairDb.Coordinator.Stores.Embedded;

/// <summary>
/// Layout of DATA_DIR/idempotency.db. One row per (tenant, key): a pending claim (completed = 0) or a completed
/// write with its encoded result. expires_at is when the row stops counting: claimed_at + claim timeout for a
/// claim, completion + retention for a result; one index on it serves both expiry checks and the sweep.
/// </summary>
internal static class IdempotencySchema
{
    /// <summary>The schema this code reads and writes (PRAGMA user_version).</summary>
    public const int Version = 1;

    private const string CreateTables = """
        CREATE TABLE IF NOT EXISTS idempotency_records (
            tenant_id TEXT NOT NULL,
            idempotency_key TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            completed INTEGER NOT NULL,
            claimed_at INTEGER NOT NULL,
            expires_at INTEGER NOT NULL,
            result BLOB,
            PRIMARY KEY (tenant_id, idempotency_key)
        );
        CREATE INDEX IF NOT EXISTS ix_idempotency_expires ON idempotency_records (expires_at);
        """;

    /// <summary>The live (unexpired) record of a key.</summary>
    public const string LookupSql = """
        SELECT fingerprint, completed, result FROM idempotency_records
        WHERE tenant_id = $tenant AND idempotency_key = $key AND expires_at > $now;
        """;

    /// <summary>Takes the key for a pending claim, replacing an expired record.</summary>
    public const string ClaimSql = """
        INSERT INTO idempotency_records (tenant_id, idempotency_key, fingerprint, completed, claimed_at, expires_at, result)
        VALUES ($tenant, $key, $fingerprint, 0, $now, $expires, NULL)
        ON CONFLICT (tenant_id, idempotency_key) DO UPDATE SET
            fingerprint = excluded.fingerprint, completed = 0, claimed_at = excluded.claimed_at,
            expires_at = excluded.expires_at, result = NULL;
        """;

    /// <summary>
    /// Records the result. Never overwrites a live record of another fingerprint (a claim that took over after ours
    /// was abandoned); a missing or expired row is recreated, since the write did succeed.
    /// </summary>
    public const string CompleteSql = """
        INSERT INTO idempotency_records (tenant_id, idempotency_key, fingerprint, completed, claimed_at, expires_at, result)
        VALUES ($tenant, $key, $fingerprint, 1, $now, $expires, $result)
        ON CONFLICT (tenant_id, idempotency_key) DO UPDATE SET
            fingerprint = excluded.fingerprint, completed = 1, expires_at = excluded.expires_at, result = excluded.result
        WHERE idempotency_records.fingerprint = excluded.fingerprint OR idempotency_records.expires_at <= excluded.claimed_at;
        """;

    /// <summary>Drops a pending claim, only the caller's own.</summary>
    public const string ReleaseSql = """
        DELETE FROM idempotency_records
        WHERE tenant_id = $tenant AND idempotency_key = $key AND fingerprint = $fingerprint AND completed = 0;
        """;

    /// <summary>Deletes a bounded batch of expired records.</summary>
    public const string SweepSql = """
        DELETE FROM idempotency_records WHERE rowid IN
            (SELECT rowid FROM idempotency_records WHERE expires_at <= $now LIMIT $limit);
        """;

    public static void Initialize(SqliteConnection connection)
    {
        var version = Convert.ToInt32(SqliteDatabase.Scalar(connection, "PRAGMA user_version;"));
        if (version > Version)
        {
            throw new InvalidOperationException(
                $"The idempotency database has schema version {version}; this coordinator knows up to {Version}. Upgrade the coordinator.");
        }

        SqliteDatabase.Execute(connection, "BEGIN IMMEDIATE;" + CreateTables + $"PRAGMA user_version = {Version}; COMMIT;");
    }
}
