using Microsoft.Data.Sqlite;
using PairDb.Coordinator.Stores.Sqlite;

namespace PairDb.Coordinator.Stores.Embedded;

/// <summary>
/// Layout of DATA_DIR/idempotency.db. One row per (tenant, key): a pending claim (completed = 0) or a completed
/// write with its encoded result. expires_at is when the row stops counting: the claim's hold for a claim, completion
/// + retention for a result, and recording + retention for a claim that recorded the stamp of its write (stamp), so a
/// lapsed claim (held_until passed) is kept for the retry that takes it over; one index on expires_at serves both
/// expiry checks and the sweep. Schema 1 had no held_until and stamp; opening it adds them.
/// </summary>
internal static class IdempotencySchema
{
    /// <summary>The schema this code reads and writes (PRAGMA user_version).</summary>
    public const int Version = 2;

    private const string CreateTables = """
        CREATE TABLE IF NOT EXISTS idempotency_records (
            tenant_id TEXT NOT NULL,
            idempotency_key TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            completed INTEGER NOT NULL,
            claimed_at INTEGER NOT NULL,
            expires_at INTEGER NOT NULL,
            result BLOB,
            held_until INTEGER,
            stamp BLOB,
            PRIMARY KEY (tenant_id, idempotency_key)
        );
        CREATE INDEX IF NOT EXISTS ix_idempotency_expires ON idempotency_records (expires_at);
        """;

    /// <summary>The live (unexpired) record of a key.</summary>
    public const string LookupSql = """
        SELECT fingerprint, completed, result, held_until, stamp FROM idempotency_records
        WHERE tenant_id = $tenant AND idempotency_key = $key AND expires_at > $now;
        """;

    /// <summary>Takes the key for a pending claim (with the stamp it inherits, or none), replacing an expired or lapsed record.</summary>
    public const string ClaimSql = """
        INSERT INTO idempotency_records (tenant_id, idempotency_key, fingerprint, completed, claimed_at, expires_at, result, held_until, stamp)
        VALUES ($tenant, $key, $fingerprint, 0, $now, $expires, NULL, $held, $stamp)
        ON CONFLICT (tenant_id, idempotency_key) DO UPDATE SET
            fingerprint = excluded.fingerprint, completed = 0, claimed_at = excluded.claimed_at,
            expires_at = excluded.expires_at, result = NULL, held_until = excluded.held_until, stamp = excluded.stamp;
        """;

    /// <summary>Records the stamp in a live pending claim of the fingerprint and keeps the row for the retention.</summary>
    public const string RecordStampSql = """
        UPDATE idempotency_records SET stamp = $stamp, expires_at = MAX(expires_at, $expires)
        WHERE tenant_id = $tenant AND idempotency_key = $key AND fingerprint = $fingerprint AND completed = 0
            AND held_until > $now AND expires_at > $now;
        """;

    /// <summary>A failed write's claim that recorded a stamp lapses at once (the release of a claim with one).</summary>
    public const string LapseSql = """
        UPDATE idempotency_records SET held_until = 0
        WHERE tenant_id = $tenant AND idempotency_key = $key AND fingerprint = $fingerprint AND completed = 0 AND stamp IS NOT NULL;
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

    /// <summary>Drops a pending claim without a stamp, only the caller's own.</summary>
    public const string ReleaseSql = """
        DELETE FROM idempotency_records
        WHERE tenant_id = $tenant AND idempotency_key = $key AND fingerprint = $fingerprint AND completed = 0 AND stamp IS NULL;
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

        var upgrade = version == 1
            ? "ALTER TABLE idempotency_records ADD COLUMN held_until INTEGER; ALTER TABLE idempotency_records ADD COLUMN stamp BLOB;"
            : CreateTables;
        SqliteDatabase.Execute(connection, "BEGIN IMMEDIATE;" + upgrade + $"PRAGMA user_version = {Version}; COMMIT;");
    }
}
