using Npgsql;
using PairDb.Actors.Ports;
using PairDb.Messages.Values;

namespace PairDb.Coordinator.Stores.Postgres;

/// <summary>
/// The production metadata store: tenants and storage nodes in PostgreSQL, shared by every coordinator, over a
/// pooled <see cref="NpgsqlDataSource"/>. Each tenant change sends NOTIFY on <see cref="TenantsChannel"/> with the
/// tenant id in the same transaction, so other coordinators (see <see cref="PostgresTenantChangeListener"/>) hear
/// of it exactly when it commits.
/// </summary>
public sealed partial class PostgresMetadataStore : IMetadataStore, IAsyncDisposable
{
    /// <summary>The NOTIFY channel of tenant changes; the payload is the tenant id.</summary>
    public const string TenantsChannel = "pairdb_tenants";

    private const string TenantColumns = "tenant_id, replication_factor, created_at, updated_at, version, requests_per_second, bytes_per_second";
    private const string NodeColumns = "node_id, host, port, virtual_nodes, status";

    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeProvider _time;

    /// <param name="connectionString">Npgsql connection string of the metadata database.</param>
    /// <param name="time">Clock for the storage nodes' created/updated stamps and migration records; the system clock when null.</param>
    public PostgresMetadataStore(string connectionString, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        _dataSource = NpgsqlDataSource.Create(connectionString);
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Applies the embedded migrations under the advisory lock (safe for coordinators starting together).</summary>
    public Task InitializeAsync(CancellationToken cancellationToken) => PostgresMigrator.MigrateAsync(_dataSource, _time, cancellationToken);

    /// <summary>SELECT 1 on a pooled connection: throws when the server is unreachable or the pool is closed.</summary>
    public async Task PingAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("SELECT 1;");
        await command.ExecuteScalarAsync(cancellationToken);
    }

    public async Task<Tenant?> GetTenantAsync(string tenantId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        await using var command = _dataSource.CreateCommand($"SELECT {TenantColumns} FROM tenants WHERE tenant_id = $1;");
        command.Parameters.AddWithValue(tenantId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadTenant(reader) : null;
    }

    public async Task<IReadOnlyList<Tenant>> ListTenantsAsync(CancellationToken cancellationToken)
    {
        // COLLATE "C": ordinal order, the same as the embedded store, whatever the database's collation.
        await using var command = _dataSource.CreateCommand($"SELECT {TenantColumns} FROM tenants ORDER BY tenant_id COLLATE \"C\";");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var tenants = new List<Tenant>();
        while (await reader.ReadAsync(cancellationToken))
        {
            tenants.Add(ReadTenant(reader));
        }

        return tenants;
    }

    public async Task<Tenant?> CreateTenantAsync(string tenantId, int replicationFactor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        ArgumentOutOfRangeException.ThrowIfLessThan(replicationFactor, 1);
        var stamp = PostgresTime.Truncate(now);

        // One statement: the notification goes out only when the row was inserted, and only once it commits.
        await using var command = _dataSource.CreateCommand($"""
            WITH inserted AS (
                INSERT INTO tenants ({TenantColumns}) VALUES ($1, $2, $3, $3, 1, NULL, NULL)
                ON CONFLICT (tenant_id) DO NOTHING
                RETURNING tenant_id)
            SELECT pg_notify('{TenantsChannel}', tenant_id) FROM inserted;
            """);
        command.Parameters.AddWithValue(tenantId);
        command.Parameters.AddWithValue(replicationFactor);
        command.Parameters.AddWithValue(stamp.UtcDateTime);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new Tenant(tenantId, replicationFactor, stamp, stamp, 1) : null;
    }

    public async Task<ReplicationFactorUpdate> UpdateReplicationFactorAsync(
        string tenantId, int newReplicationFactor, long? expectedVersion, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        ArgumentOutOfRangeException.ThrowIfLessThan(newReplicationFactor, 1);
        var stamp = PostgresTime.Truncate(now);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        Tenant? old;
        await using (var read = new NpgsqlCommand($"SELECT {TenantColumns} FROM tenants WHERE tenant_id = $1 FOR UPDATE;", connection, transaction))
        {
            read.Parameters.AddWithValue(tenantId);
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            old = await reader.ReadAsync(cancellationToken) ? ReadTenant(reader) : null;
        }

        if (old is null)
        {
            return new ReplicationFactorUpdate.NotFound();
        }

        if (expectedVersion is { } expected && expected != old.Version)
        {
            return new ReplicationFactorUpdate.VersionConflict(old);
        }

        var updated = old with { ReplicationFactor = newReplicationFactor, UpdatedAt = stamp, Version = old.Version + 1 };
        await using (var write = new NpgsqlCommand(
            $"""
            WITH changed AS (
                UPDATE tenants SET replication_factor = $2, updated_at = $3, version = $4 WHERE tenant_id = $1
                RETURNING tenant_id)
            SELECT pg_notify('{TenantsChannel}', tenant_id) FROM changed;
            """,
            connection,
            transaction))
        {
            write.Parameters.AddWithValue(tenantId);
            write.Parameters.AddWithValue(newReplicationFactor);
            write.Parameters.AddWithValue(stamp.UtcDateTime);
            write.Parameters.AddWithValue(updated.Version);
            await write.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new ReplicationFactorUpdate.Updated(old, updated);
    }

    public async Task<IReadOnlyList<StorageNode>> ListStorageNodesAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand($"SELECT {NodeColumns} FROM storage_nodes ORDER BY node_id COLLATE \"C\";");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var nodes = new List<StorageNode>();
        while (await reader.ReadAsync(cancellationToken))
        {
            nodes.Add(new StorageNode(
                reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt32(3), StorageNodeStatusNames.Parse(reader.GetString(4))));
        }

        return nodes;
    }

    public Task<bool> AddStorageNodeAsync(StorageNode node, CancellationToken cancellationToken) =>
        WriteNodeAsync(
            node,
            $"""
            INSERT INTO storage_nodes ({NodeColumns}, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6)
            ON CONFLICT (node_id) DO NOTHING;
            """,
            cancellationToken);

    public Task<bool> UpdateStorageNodeAsync(StorageNode node, CancellationToken cancellationToken) =>
        WriteNodeAsync(
            node,
            "UPDATE storage_nodes SET host = $2, port = $3, virtual_nodes = $4, status = $5, updated_at = $6 WHERE node_id = $1;",
            cancellationToken);

    /// <summary>Closes the pool; later calls throw <see cref="ObjectDisposedException"/>.</summary>
    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private static Tenant ReadTenant(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        reader.GetInt32(1),
        reader.GetFieldValue<DateTimeOffset>(2),
        reader.GetFieldValue<DateTimeOffset>(3),
        reader.GetInt64(4),
        reader.IsDBNull(5) ? null : new TenantRateLimits(reader.GetInt64(5), reader.GetInt64(6)));

    private async Task<bool> WriteNodeAsync(StorageNode node, string sql, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentException.ThrowIfNullOrEmpty(node.NodeId);
        await using var command = _dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue(node.NodeId);
        command.Parameters.AddWithValue(node.Host);
        command.Parameters.AddWithValue(node.Port);
        command.Parameters.AddWithValue(node.VirtualNodes);
        command.Parameters.AddWithValue(StorageNodeStatusNames.ToName(node.Status));
        command.Parameters.AddWithValue(_time.GetUtcNow().UtcDateTime);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }
}
