using Npgsql;
using NpgsqlTypes;
using PairDb.Messages.Values;

namespace PairDb.Coordinator.Stores.Postgres;

/// <summary>Migration records in PostgreSQL, shared by every coordinator.</summary>
public sealed partial class PostgresMetadataStore
{
    private const string MigrationColumns =
        "id, type, node_id, tenant_id, previous_replication_factor, replication_factor, status, phase, keys_migrated, total_keys, started_at, updated_at, finished_at, switched_at, error, owner_id";

    public async Task<bool> TryCreateMigrationAsync(MigrationRecord migration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(migration);

        // The unique active_slot makes a second active migration a conflict, which DO NOTHING turns into "0 rows".
        await using var command = _dataSource.CreateCommand($"""
            INSERT INTO migrations ({MigrationColumns}, active_slot)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
            ON CONFLICT DO NOTHING;
            """);
        Bind(command, migration);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<MigrationRecord?> GetMigrationAsync(string migrationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(migrationId);
        await using var command = _dataSource.CreateCommand($"SELECT {MigrationColumns} FROM migrations WHERE id = $1;");
        command.Parameters.AddWithValue(migrationId);
        var found = await ReadMigrationsAsync(command, cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    public async Task<IReadOnlyList<MigrationRecord>> ListMigrationsAsync(bool activeOnly, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(
            $"SELECT {MigrationColumns} FROM migrations {(activeOnly ? "WHERE active_slot IS NOT NULL" : string.Empty)} ORDER BY started_at DESC, id COLLATE \"C\";");
        return await ReadMigrationsAsync(command, cancellationToken);
    }

    public async Task UpdateMigrationAsync(MigrationRecord migration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(migration);
        // Every column is bound (typed) so one binder serves insert and update; identity columns are never changed.
        await using var command = _dataSource.CreateCommand("""
            UPDATE migrations SET status = $7, phase = $8, keys_migrated = GREATEST(keys_migrated, $9), total_keys = $10,
                updated_at = $12, finished_at = $13, switched_at = $14, error = $15, owner_id = $16, active_slot = $17
            WHERE id = $1;
            """);
        Bind(command, migration);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void Bind(NpgsqlCommand command, MigrationRecord m)
    {
        command.Parameters.AddWithValue(m.Id);
        command.Parameters.AddWithValue(MigrationNames.ToName(m.Type));
        command.Parameters.AddWithValue(m.NodeId);
        command.Parameters.AddWithValue(m.TenantId);
        command.Parameters.AddWithValue(m.PreviousReplicationFactor);
        command.Parameters.AddWithValue(m.ReplicationFactor);
        command.Parameters.AddWithValue(MigrationNames.ToName(m.Status));
        command.Parameters.AddWithValue(MigrationNames.ToName(m.Phase));
        command.Parameters.AddWithValue(m.KeysMigrated);
        command.Parameters.AddWithValue(m.TotalKeys);
        command.Parameters.AddWithValue(m.StartedAt.UtcDateTime);
        command.Parameters.AddWithValue(m.UpdatedAt.UtcDateTime);
        command.Parameters.Add(Instant(m.FinishedAt));
        command.Parameters.Add(Instant(m.SwitchedAt));
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)m.Error ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)m.Owner ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Smallint, Value = m.IsActive ? (short)1 : DBNull.Value });
    }

    private static NpgsqlParameter Instant(DateTimeOffset? instant) =>
        new() { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = instant is { } value ? value.UtcDateTime : DBNull.Value };

    private static async Task<IReadOnlyList<MigrationRecord>> ReadMigrationsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var found = new List<MigrationRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(new MigrationRecord(
                reader.GetString(0),
                MigrationNames.ParseType(reader.GetString(1)),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetInt32(4),
                reader.GetInt32(5),
                MigrationNames.ParseStatus(reader.GetString(6)),
                MigrationNames.ParsePhase(reader.GetString(7)),
                reader.GetInt64(8),
                reader.GetInt64(9),
                reader.GetFieldValue<DateTimeOffset>(10),
                reader.GetFieldValue<DateTimeOffset>(11),
                reader.IsDBNull(12) ? null : reader.GetFieldValue<DateTimeOffset>(12),
                reader.IsDBNull(13) ? null : reader.GetFieldValue<DateTimeOffset>(13),
                reader.IsDBNull(14) ? null : reader.GetString(14),
                reader.IsDBNull(15) ? null : reader.GetString(15)));
        }

        return found;
    }
}
