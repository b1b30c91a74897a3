using Npgsql;
using NpgsqlTypes;
using PairDb.Actors.Ports;

namespace PairDb.Coordinator.Stores.Postgres;

/// <summary>Anti-entropy progress in PostgreSQL (sql/009_repair_progress.sql), shared by every coordinator.</summary>
public sealed partial class PostgresMetadataStore
{
    private const string RepairRangeColumns =
        "replication_factor, range_start, range_end, replicas, synced_at, attempted_at, keys_read, keys_repaired, tombstones_collected, last_error";

    public async Task<RepairPassRecord?> GetRepairPassAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(
            "SELECT number, started_at, last_full_started_at, last_full_completed_at FROM repair_pass WHERE id = 1;");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new RepairPassRecord(reader.GetInt64(0), Instant(reader, 1)!.Value, Instant(reader, 2), Instant(reader, 3));
    }

    public async Task SaveRepairPassAsync(RepairPassRecord pass, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pass);
        await using var command = _dataSource.CreateCommand("""
            INSERT INTO repair_pass (id, number, started_at, last_full_started_at, last_full_completed_at) VALUES (1, $1, $2, $3, $4)
            ON CONFLICT (id) DO UPDATE SET number = $1, started_at = $2, last_full_started_at = $3, last_full_completed_at = $4
            WHERE repair_pass.number <= EXCLUDED.number;
            """);
        command.Parameters.AddWithValue(pass.Number);
        AddInstant(command, pass.StartedAt);
        AddInstant(command, pass.LastFullStartedAt);
        AddInstant(command, pass.LastFullCompletedAt);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<RepairRangeRecord>> ListRepairRangesAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand($"SELECT {RepairRangeColumns} FROM repair_ranges;");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var ranges = new List<RepairRangeRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            ranges.Add(new RepairRangeRecord(
                new RepairRangeKey(reader.GetInt32(0), unchecked((ulong)reader.GetInt64(1)), unchecked((ulong)reader.GetInt64(2))),
                RepairReplicas.Parse(reader.GetString(3)),
                Instant(reader, 4),
                Instant(reader, 5)!.Value,
                reader.GetInt64(6),
                reader.GetInt64(7),
                reader.GetInt64(8),
                reader.IsDBNull(9) ? null : reader.GetString(9)));
        }

        return ranges;
    }

    public async Task SaveRepairRangeAsync(RepairRangeRecord range, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(range);
        await using var command = _dataSource.CreateCommand($"""
            INSERT INTO repair_ranges ({RepairRangeColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            ON CONFLICT (replication_factor, range_start, range_end) DO UPDATE SET replicas = $4, synced_at = $5,
                attempted_at = $6, keys_read = $7, keys_repaired = $8, tombstones_collected = $9, last_error = $10;
            """);
        command.Parameters.AddWithValue(range.Key.ReplicationFactor);
        command.Parameters.AddWithValue(unchecked((long)range.Key.Start));
        command.Parameters.AddWithValue(unchecked((long)range.Key.End));
        command.Parameters.AddWithValue(RepairReplicas.Format(range.Replicas));
        AddInstant(command, range.SyncedAt);
        AddInstant(command, range.AttemptedAt);
        command.Parameters.AddWithValue(range.KeysRead);
        command.Parameters.AddWithValue(range.KeysRepaired);
        command.Parameters.AddWithValue(range.TombstonesCollected);
        command.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)range.LastError ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task PruneRepairRangesAsync(IReadOnlyCollection<RepairRangeKey> current, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(current);
        await using var command = _dataSource.CreateCommand("""
            DELETE FROM repair_ranges r WHERE NOT EXISTS (
                SELECT 1 FROM unnest($1::integer[], $2::bigint[], $3::bigint[]) AS k(f, s, e)
                WHERE k.f = r.replication_factor AND k.s = r.range_start AND k.e = r.range_end);
            """);
        command.Parameters.AddWithValue(current.Select(k => k.ReplicationFactor).ToArray());
        command.Parameters.AddWithValue(current.Select(k => unchecked((long)k.Start)).ToArray());
        command.Parameters.AddWithValue(current.Select(k => unchecked((long)k.End)).ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static DateTimeOffset? Instant(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);

    private static void AddInstant(NpgsqlCommand command, DateTimeOffset? instant) =>
        command.Parameters.AddWithValue(NpgsqlDbType.TimestampTz, instant is { } value ? PostgresTime.Truncate(value).UtcDateTime : DBNull.Value);
}
