using NpgsqlTypes;
using PairDb.Actors.Ports;

namespace PairDb.Coordinator.Stores.Postgres;

/// <summary>Storage nodes' database identities: two nullable columns of the storage_nodes table (sql/008_node_incarnation.sql).</summary>
public sealed partial class PostgresMetadataStore
{
    public async Task<IReadOnlyList<NodeIdentity>> ListNodeIdentitiesAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(
            "SELECT node_id, incarnation, rebuilding_since FROM storage_nodes ORDER BY node_id COLLATE \"C\";");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var identities = new List<NodeIdentity>();
        while (await reader.ReadAsync(cancellationToken))
        {
            identities.Add(new NodeIdentity(
                reader.GetString(0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2)));
        }

        return identities;
    }

    public async Task<bool> ReplaceIncarnationAsync(
        string nodeId, string? expected, string incarnation, DateTimeOffset? rebuildingSince, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(nodeId);
        ArgumentException.ThrowIfNullOrEmpty(incarnation);

        // IS NOT DISTINCT FROM: an expected NULL matches a node with no incarnation recorded yet.
        await using var command = _dataSource.CreateCommand(
            "UPDATE storage_nodes SET incarnation = $3, rebuilding_since = $4 WHERE node_id = $1 AND incarnation IS NOT DISTINCT FROM $2;");
        command.Parameters.AddWithValue(nodeId);
        command.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)expected ?? DBNull.Value);
        command.Parameters.AddWithValue(incarnation);
        command.Parameters.AddWithValue(
            NpgsqlDbType.TimestampTz, rebuildingSince is { } since ? PostgresTime.Truncate(since).UtcDateTime : DBNull.Value);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<bool> ClearRebuildingAsync(string nodeId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(nodeId);
        await using var command = _dataSource.CreateCommand(
            "UPDATE storage_nodes SET rebuilding_since = NULL WHERE node_id = $1 AND rebuilding_since = $2;");
        command.Parameters.AddWithValue(nodeId);
        command.Parameters.AddWithValue(PostgresTime.Truncate(since).UtcDateTime);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }
}
