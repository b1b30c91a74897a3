using PairDb.Actors.Ports;

namespace PairDb.Coordinator.Stores.Sqlite;

/// <summary>Storage nodes' database identities: two nullable columns of the storage_nodes table (schema version 7).</summary>
public sealed partial class SqliteMetadataStore
{
    public async Task<IReadOnlyList<NodeIdentity>> ListNodeIdentitiesAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            using var command = Open().CreateCommand();
            command.CommandText = "SELECT node_id, incarnation, rebuilding_since FROM storage_nodes ORDER BY node_id;";
            using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var identities = new List<NodeIdentity>();
            while (await reader.ReadAsync(cancellationToken))
            {
                identities.Add(new NodeIdentity(
                    reader.GetString(0),
                    reader.IsDBNull(1) ? null : reader.GetString(1),
                    reader.IsDBNull(2) ? null : SqliteDatabase.FromUnixMicros(reader.GetInt64(2))));
            }

            return identities;
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task<bool> ReplaceIncarnationAsync(
        string nodeId, string? expected, string incarnation, DateTimeOffset? rebuildingSince, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(nodeId);
        ArgumentException.ThrowIfNullOrEmpty(incarnation);

        // "IS" compares NULL with NULL as equal: expected null matches a node with no incarnation recorded yet.
        return ChangeIdentityAsync(
            "UPDATE storage_nodes SET incarnation = $incarnation, rebuilding_since = $since WHERE node_id = $id AND incarnation IS $expected;",
            nodeId,
            (expected, incarnation, rebuildingSince),
            cancellationToken);
    }

    public Task<bool> ClearRebuildingAsync(string nodeId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(nodeId);
        return ChangeIdentityAsync(
            "UPDATE storage_nodes SET rebuilding_since = NULL WHERE node_id = $id AND rebuilding_since = $since;",
            nodeId,
            (null, null, since),
            cancellationToken);
    }

    private async Task<bool> ChangeIdentityAsync(
        string sql, string nodeId, (string? Expected, string? Incarnation, DateTimeOffset? Since) values, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            using var command = Open().CreateCommand();
            command.CommandText = sql;
            command.Parameters.AddWithValue("$id", nodeId);
            command.Parameters.AddWithValue("$expected", (object?)values.Expected ?? DBNull.Value);
            command.Parameters.AddWithValue("$incarnation", (object?)values.Incarnation ?? DBNull.Value);
            command.Parameters.AddWithValue("$since", values.Since is { } since ? SqliteDatabase.ToUnixMicros(since) : DBNull.Value);
            return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        }
        finally
        {
            _gate.Release();
        }
    }
}
