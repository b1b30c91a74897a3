using Microsoft.Data.Sqlite;
using PairDb.Actors.Ports;

namespace PairDb.Coordinator.Stores.Sqlite;

/// <summary>Anti-entropy progress in the embedded metadata database (schema version 6).</summary>
public sealed partial class SqliteMetadataStore
{
    private const string RepairRangeColumns =
        "replication_factor, range_start, range_end, replicas, synced_at, attempted_at, keys_read, keys_repaired, tombstones_collected, last_error";

    public async Task<RepairPassRecord?> GetRepairPassAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            using var command = Open().CreateCommand();
            command.CommandText = "SELECT number, started_at, last_full_started_at, last_full_completed_at FROM repair_pass WHERE id = 1;";
            using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            return new RepairPassRecord(reader.GetInt64(0), SqliteDatabase.FromUnixMicros(reader.GetInt64(1)), Instant(reader, 2), Instant(reader, 3));
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task SaveRepairPassAsync(RepairPassRecord pass, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pass);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            using var command = Open().CreateCommand();
            command.CommandText = """
                INSERT INTO repair_pass (id, number, started_at, last_full_started_at, last_full_completed_at) VALUES (1, $number, $started, $fullStarted, $fullCompleted)
                ON CONFLICT (id) DO UPDATE SET number = $number, started_at = $started, last_full_started_at = $fullStarted, last_full_completed_at = $fullCompleted
                WHERE number <= excluded.number;
                """;
            command.Parameters.AddWithValue("$number", pass.Number);
            command.Parameters.AddWithValue("$started", SqliteDatabase.ToUnixMicros(pass.StartedAt));
            command.Parameters.AddWithValue("$fullStarted", Micros(pass.LastFullStartedAt));
            command.Parameters.AddWithValue("$fullCompleted", Micros(pass.LastFullCompletedAt));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<IReadOnlyList<RepairRangeRecord>> ListRepairRangesAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            using var command = Open().CreateCommand();
            command.CommandText = $"SELECT {RepairRangeColumns} FROM repair_ranges;";
            using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var ranges = new List<RepairRangeRecord>();
            while (await reader.ReadAsync(cancellationToken))
            {
                ranges.Add(new RepairRangeRecord(
                    new RepairRangeKey(reader.GetInt32(0), unchecked((ulong)reader.GetInt64(1)), unchecked((ulong)reader.GetInt64(2))),
                    RepairReplicas.Parse(reader.GetString(3)),
                    Instant(reader, 4),
                    SqliteDatabase.FromUnixMicros(reader.GetInt64(5)),
                    reader.GetInt64(6),
                    reader.GetInt64(7),
                    reader.GetInt64(8),
                    reader.IsDBNull(9) ? null : reader.GetString(9)));
            }

            return ranges;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task SaveRepairRangeAsync(RepairRangeRecord range, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(range);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            using var command = Open().CreateCommand();
            command.CommandText = $"""
                INSERT OR REPLACE INTO repair_ranges ({RepairRangeColumns})
                VALUES ($factor, $start, $end, $replicas, $synced, $attempted, $read, $repaired, $collected, $error);
                """;
            command.Parameters.AddWithValue("$factor", range.Key.ReplicationFactor);
            command.Parameters.AddWithValue("$start", unchecked((long)range.Key.Start));
            command.Parameters.AddWithValue("$end", unchecked((long)range.Key.End));
            command.Parameters.AddWithValue("$replicas", RepairReplicas.Format(range.Replicas));
            command.Parameters.AddWithValue("$synced", Micros(range.SyncedAt));
            command.Parameters.AddWithValue("$attempted", SqliteDatabase.ToUnixMicros(range.AttemptedAt));
            command.Parameters.AddWithValue("$read", range.KeysRead);
            command.Parameters.AddWithValue("$repaired", range.KeysRepaired);
            command.Parameters.AddWithValue("$collected", range.TombstonesCollected);
            command.Parameters.AddWithValue("$error", (object?)range.LastError ?? DBNull.Value);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task PruneRepairRangesAsync(IReadOnlyCollection<RepairRangeKey> current, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(current);
        var keep = current.ToHashSet();
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var connection = Open();
            var stale = new List<(long Factor, long Start, long End)>();
            using (var list = connection.CreateCommand())
            {
                list.CommandText = "SELECT replication_factor, range_start, range_end FROM repair_ranges;";
                using var reader = await list.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    var key = new RepairRangeKey(reader.GetInt32(0), unchecked((ulong)reader.GetInt64(1)), unchecked((ulong)reader.GetInt64(2)));
                    if (!keep.Contains(key))
                    {
                        stale.Add((reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2)));
                    }
                }
            }

            using var transaction = connection.BeginTransaction();
            foreach (var (factor, start, end) in stale)
            {
                using var delete = connection.CreateCommand();
                delete.Transaction = transaction;
                delete.CommandText = "DELETE FROM repair_ranges WHERE replication_factor = $factor AND range_start = $start AND range_end = $end;";
                delete.Parameters.AddWithValue("$factor", factor);
                delete.Parameters.AddWithValue("$start", start);
                delete.Parameters.AddWithValue("$end", end);
                await delete.ExecuteNonQueryAsync(cancellationToken);
            }

            transaction.Commit();
        }
        finally
        {
            _gate.Release();
        }
    }

    private static DateTimeOffset? Instant(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : SqliteDatabase.FromUnixMicros(reader.GetInt64(ordinal));
}
