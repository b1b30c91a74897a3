using Microsoft.Data.Sqlite;
using PairDb.Actors.Ports;
using PairDb.Coordinator.Tenants;
using PairDb.Messages.Values;

namespace PairDb.Coordinator.Stores.Sqlite;

/// <summary>
/// The embedded metadata store: tenants and storage nodes in DATA_DIR/metadata.db (SQLite, WAL, fsync per
/// commit). Calls are serialised on one connection: metadata changes are rare and small, and one writer keeps
/// "insert unless present" atomic without retry loops. Only this process writes the file, so tenant changes are
/// announced in process on <see cref="Changes"/>.
/// </summary>
public sealed partial class SqliteMetadataStore : IMetadataStore, IAsyncDisposable, IDisposable
{
    public const string DatabaseFileName = "metadata.db";

    private const string TenantColumns = "tenant_id, replication_factor, created_at, updated_at, version, requests_per_second, bytes_per_second";
    private const string NodeColumns = "node_id, host, port, virtual_nodes, status";

    private readonly string _path;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly TenantChangeBroadcaster _changes = new();
    private SqliteConnection? _connection;
    private bool _disposed;

    /// <param name="dataDirectory">Folder of metadata.db (created if missing).</param>
    /// <param name="time">Clock for the storage nodes' created/updated stamps; the system clock when null.</param>
    public SqliteMetadataStore(string dataDirectory, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        _path = Path.Combine(dataDirectory, DatabaseFileName);
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Full path of the database file.</summary>
    public string DatabasePath => _path;

    /// <summary>Ids of tenants created or changed through this store, announced after each commit.</summary>
    public ITenantChangeFeed Changes => _changes;

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _connection ??= SqliteDatabase.Open(_path, fsyncEveryCommit: true);
            SqliteMetadataSchema.Migrate(_connection, SqliteDatabase.ToUnixMicros(_time.GetUtcNow()));
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>SELECT 1 on the store's connection: throws once the store is closed or the file cannot be read.</summary>
    public async Task PingAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            using var command = Open().CreateCommand();
            command.CommandText = "SELECT 1;";
            await command.ExecuteScalarAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<Tenant?> GetTenantAsync(string tenantId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            using var command = Open().CreateCommand();
            command.CommandText = $"SELECT {TenantColumns} FROM tenants WHERE tenant_id = $id;";
            command.Parameters.AddWithValue("$id", tenantId);
            using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken) ? ReadTenant(reader) : null;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<IReadOnlyList<Tenant>> ListTenantsAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            using var command = Open().CreateCommand();
            command.CommandText = $"SELECT {TenantColumns} FROM tenants ORDER BY tenant_id;";
            using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var tenants = new List<Tenant>();
            while (await reader.ReadAsync(cancellationToken))
            {
                tenants.Add(ReadTenant(reader));
            }

            return tenants;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<Tenant?> CreateTenantAsync(string tenantId, int replicationFactor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        ArgumentOutOfRangeException.ThrowIfLessThan(replicationFactor, 1);
        var micros = SqliteDatabase.ToUnixMicros(now);
        Tenant? created;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            using var command = Open().CreateCommand();
            command.CommandText = $"""
                INSERT INTO tenants ({TenantColumns}) VALUES ($id, $rf, $now, $now, 1, NULL, NULL)
                ON CONFLICT (tenant_id) DO NOTHING;
                """;
            command.Parameters.AddWithValue("$id", tenantId);
            command.Parameters.AddWithValue("$rf", replicationFactor);
            command.Parameters.AddWithValue("$now", micros);
            var inserted = await command.ExecuteNonQueryAsync(cancellationToken);

            // Returned as stored (microsecond precision, UTC) so it equals what a later read returns.
            var stamp = SqliteDatabase.FromUnixMicros(micros);
            created = inserted == 1 ? new Tenant(tenantId, replicationFactor, stamp, stamp, 1) : null;
        }
        finally
        {
            _gate.Release();
        }

        if (created is not null)
        {
            _changes.Publish(tenantId);
        }

        return created;
    }

    public async Task<ReplicationFactorUpdate> UpdateReplicationFactorAsync(
        string tenantId, int newReplicationFactor, long? expectedVersion, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        ArgumentOutOfRangeException.ThrowIfLessThan(newReplicationFactor, 1);
        var micros = SqliteDatabase.ToUnixMicros(now);
        ReplicationFactorUpdate outcome;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            // The gate serialises every write of this file, so read-then-update cannot interleave with another change.
            var connection = Open();
            Tenant? old;
            using (var read = connection.CreateCommand())
            {
                read.CommandText = $"SELECT {TenantColumns} FROM tenants WHERE tenant_id = $id;";
                read.Parameters.AddWithValue("$id", tenantId);
                using var reader = await read.ExecuteReaderAsync(cancellationToken);
                old = await reader.ReadAsync(cancellationToken) ? ReadTenant(reader) : null;
            }

            outcome = old is null ? new ReplicationFactorUpdate.NotFound()
                : expectedVersion is { } expected && expected != old.Version ? new ReplicationFactorUpdate.VersionConflict(old)
                : new ReplicationFactorUpdate.Updated(old, old with
                {
                    ReplicationFactor = newReplicationFactor, UpdatedAt = SqliteDatabase.FromUnixMicros(micros), Version = old.Version + 1,
                });
            if (outcome is ReplicationFactorUpdate.Updated updated)
            {
                using var write = connection.CreateCommand();
                write.CommandText = "UPDATE tenants SET replication_factor = $rf, updated_at = $now, version = $version WHERE tenant_id = $id;";
                write.Parameters.AddWithValue("$id", tenantId);
                write.Parameters.AddWithValue("$rf", newReplicationFactor);
                write.Parameters.AddWithValue("$now", micros);
                write.Parameters.AddWithValue("$version", updated.New.Version);
                await write.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        finally
        {
            _gate.Release();
        }

        if (outcome is ReplicationFactorUpdate.Updated)
        {
            _changes.Publish(tenantId);
        }

        return outcome;
    }

    public async Task<IReadOnlyList<StorageNode>> ListStorageNodesAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            using var command = Open().CreateCommand();
            command.CommandText = $"SELECT {NodeColumns} FROM storage_nodes ORDER BY node_id;";
            using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var nodes = new List<StorageNode>();
            while (await reader.ReadAsync(cancellationToken))
            {
                nodes.Add(new StorageNode(
                    reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt32(3), StorageNodeStatusNames.Parse(reader.GetString(4))));
            }

            return nodes;
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task<bool> AddStorageNodeAsync(StorageNode node, CancellationToken cancellationToken) =>
        WriteNodeAsync(
            node,
            $"""
            INSERT INTO storage_nodes ({NodeColumns}, created_at, updated_at) VALUES ($id, $host, $port, $vnodes, $status, $now, $now)
            ON CONFLICT (node_id) DO NOTHING;
            """,
            cancellationToken);

    public Task<bool> UpdateStorageNodeAsync(StorageNode node, CancellationToken cancellationToken) =>
        WriteNodeAsync(
            node,
            """
            UPDATE storage_nodes SET host = $host, port = $port, virtual_nodes = $vnodes, status = $status, updated_at = $now
            WHERE node_id = $id;
            """,
            cancellationToken);

    /// <summary>Closes the database once no call is using it; later calls throw <see cref="ObjectDisposedException"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync();
        Close();
    }

    public void Dispose()
    {
        _gate.Wait();
        Close();
    }

    /// <summary>Closes the connection; the caller holds the gate, which this releases.</summary>
    private void Close()
    {
        try
        {
            _disposed = true;
            _connection?.Dispose();
            _connection = null;
        }
        finally
        {
            _gate.Release();
        }
    }

    private static Tenant ReadTenant(SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.GetInt32(1),
        SqliteDatabase.FromUnixMicros(reader.GetInt64(2)),
        SqliteDatabase.FromUnixMicros(reader.GetInt64(3)),
        reader.GetInt64(4),
        reader.IsDBNull(5) ? null : new TenantRateLimits(reader.GetInt64(5), reader.GetInt64(6)));

    private async Task<bool> WriteNodeAsync(StorageNode node, string sql, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentException.ThrowIfNullOrEmpty(node.NodeId);
        var status = StorageNodeStatusNames.ToName(node.Status);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            using var command = Open().CreateCommand();
            command.CommandText = sql;
            command.Parameters.AddWithValue("$id", node.NodeId);
            command.Parameters.AddWithValue("$host", node.Host);
            command.Parameters.AddWithValue("$port", node.Port);
            command.Parameters.AddWithValue("$vnodes", node.VirtualNodes);
            command.Parameters.AddWithValue("$status", status);
            command.Parameters.AddWithValue("$now", SqliteDatabase.ToUnixMicros(_time.GetUtcNow()));
            return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The open connection; callers hold the gate.</summary>
    private SqliteConnection Open()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _connection ?? throw new InvalidOperationException("Call InitializeAsync before using the metadata store.");
    }
}
