using Microsoft.Data.Sqlite;
using PairDb.Messages.Values;

namespace PairDb.Coordinator.Stores.Sqlite;

/// <summary>Migration records in the embedded metadata file.</summary>
public sealed partial class SqliteMetadataStore
{
    private const string MigrationColumns =
        "id, type, node_id, tenant_id, previous_replication_factor, replication_factor, status, phase, keys_migrated, total_keys, started_at, updated_at, finished_at, switched_at, error, owner_id";

    public async Task<bool> TryCreateMigrationAsync(MigrationRecord migration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(migration);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            using var command = Open().CreateCommand();
            command.CommandText = $"""
                INSERT INTO migrations ({MigrationColumns}, active_slot)
                VALUES ($id, $type, $node, $tenant, $previousRf, $rf, $status, $phase, $migrated, $total, $started, $updated, $finished, $switched, $error, $owner, $slot)
                ON CONFLICT DO NOTHING;
                """;
            Bind(command, migration);
            return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<MigrationRecord?> GetMigrationAsync(string migrationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(migrationId);
        var found = await QueryMigrationsAsync($"SELECT {MigrationColumns} FROM migrations WHERE id = $id;", migrationId, cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    public Task<IReadOnlyList<MigrationRecord>> ListMigrationsAsync(bool activeOnly, CancellationToken cancellationToken) =>
        QueryMigrationsAsync(
            $"SELECT {MigrationColumns} FROM migrations {(activeOnly ? "WHERE active_slot IS NOT NULL" : string.Empty)} ORDER BY started_at DESC, id;",
            null,
            cancellationToken);

    public async Task UpdateMigrationAsync(MigrationRecord migration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(migration);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            using var command = Open().CreateCommand();
            command.CommandText = """
                UPDATE migrations SET status = $status, phase = $phase, keys_migrated = MAX(keys_migrated, $migrated),
                    total_keys = $total, updated_at = $updated, finished_at = $finished, switched_at = $switched, error = $error,
                    owner_id = $owner, active_slot = $slot
                WHERE id = $id;
                """;
            Bind(command, migration);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private static void Bind(SqliteCommand command, MigrationRecord m)
    {
        command.Parameters.AddWithValue("$id", m.Id);
        command.Parameters.AddWithValue("$type", MigrationNames.ToName(m.Type));
        command.Parameters.AddWithValue("$node", m.NodeId);
        command.Parameters.AddWithValue("$tenant", m.TenantId);
        command.Parameters.AddWithValue("$previousRf", m.PreviousReplicationFactor);
        command.Parameters.AddWithValue("$rf", m.ReplicationFactor);
        command.Parameters.AddWithValue("$status", MigrationNames.ToName(m.Status));
        command.Parameters.AddWithValue("$phase", MigrationNames.ToName(m.Phase));
        command.Parameters.AddWithValue("$migrated", m.KeysMigrated);
        command.Parameters.AddWithValue("$total", m.TotalKeys);
        command.Parameters.AddWithValue("$started", SqliteDatabase.ToUnixMicros(m.StartedAt));
        command.Parameters.AddWithValue("$updated", SqliteDatabase.ToUnixMicros(m.UpdatedAt));
        command.Parameters.AddWithValue("$finished", Micros(m.FinishedAt));
        command.Parameters.AddWithValue("$switched", Micros(m.SwitchedAt));
        command.Parameters.AddWithValue("$error", (object?)m.Error ?? DBNull.Value);
        command.Parameters.AddWithValue("$owner", (object?)m.Owner ?? DBNull.Value);
        command.Parameters.AddWithValue("$slot", m.IsActive ? 1 : DBNull.Value);
    }

    private static object Micros(DateTimeOffset? instant) => instant is { } value ? SqliteDatabase.ToUnixMicros(value) : DBNull.Value;

    private static DateTimeOffset? OptionalInstant(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : SqliteDatabase.FromUnixMicros(reader.GetInt64(ordinal));

    private async Task<IReadOnlyList<MigrationRecord>> QueryMigrationsAsync(string sql, string? id, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            using var command = Open().CreateCommand();
            command.CommandText = sql;
            if (id is not null)
            {
                command.Parameters.AddWithValue("$id", id);
            }

            using var reader = await command.ExecuteReaderAsync(cancellationToken);
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
                    SqliteDatabase.FromUnixMicros(reader.GetInt64(10)),
                    SqliteDatabase.FromUnixMicros(reader.GetInt64(11)),
                    OptionalInstant(reader, 12),
                    OptionalInstant(reader, 13),
                    reader.IsDBNull(14) ? null : reader.GetString(14),
                    reader.IsDBNull(15) ? null : reader.GetString(15)));
            }

            return found;
        }
        finally
        {
            _gate.Release();
        }
    }
}
