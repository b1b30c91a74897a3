using Google.Protobuf;
using Microsoft.Data.Sqlite;
using PairDb.Actors.Ports;
using PairDb.Coordinator.Stores.Sqlite;
using PairDb.Messages.Proto;
using StorageVersion = PairDb.Protocol.Storage.Version;

namespace PairDb.Coordinator.Stores.Hints;

/// <summary>
/// The coordinator's durable hint queue: DATA_DIR/hints.db (SQLite, WAL), local to the coordinator that stamped the
/// writes, as Cassandra keeps hints on the coordinator. A hint's version is stored as a storage.Version message.
/// Calls are serialised on one connection; each call is one transaction. Survives a process crash (WAL, synchronous
/// NORMAL); a power cut may drop the last commits, which read repair and anti-entropy then cover.
/// </summary>
public sealed class SqliteHintStore : IHintStore, IAsyncDisposable
{
    public const string DatabaseFileName = "hints.db";

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS hints (
            id             INTEGER PRIMARY KEY AUTOINCREMENT,
            target_node_id TEXT    NOT NULL,
            tenant_id      TEXT    NOT NULL,
            key            TEXT    NOT NULL,
            version        BLOB    NOT NULL,
            created_micros INTEGER NOT NULL,
            bytes          INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_hints_target ON hints (target_node_id, id);
        CREATE INDEX IF NOT EXISTS ix_hints_created ON hints (created_micros);
        """;

    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _disposed;

    private SqliteHintStore(SqliteConnection connection) => _connection = connection;

    /// <summary>Opens (creating if needed) DATA_DIR/hints.db.</summary>
    public static SqliteHintStore Open(string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        var connection = SqliteDatabase.Open(Path.Combine(dataDirectory, DatabaseFileName), fsyncEveryCommit: false);
        try
        {
            SqliteDatabase.Execute(connection, Schema);
            return new SqliteHintStore(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public Task<int> AppendAsync(IReadOnlyList<Hint> hints, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hints);
        return RunAsync(() =>
        {
            using var transaction = _connection.BeginTransaction();
            using var insert = _connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO hints (target_node_id, tenant_id, key, version, created_micros, bytes) VALUES ($node, $tenant, $key, $version, $created, $bytes);";
            var node = insert.Parameters.Add("$node", SqliteType.Text);
            var tenant = insert.Parameters.Add("$tenant", SqliteType.Text);
            var key = insert.Parameters.Add("$key", SqliteType.Text);
            var version = insert.Parameters.Add("$version", SqliteType.Blob);
            var created = insert.Parameters.Add("$created", SqliteType.Integer);
            var bytes = insert.Parameters.Add("$bytes", SqliteType.Integer);
            foreach (var hint in hints)
            {
                node.Value = hint.TargetNodeId;
                tenant.Value = hint.TenantId;
                key.Value = hint.Key;
                version.Value = ProtoMapping.ToProto(hint.Version).ToByteArray();
                created.Value = SqliteDatabase.ToUnixMicros(new DateTimeOffset(hint.CreatedUtc, TimeSpan.Zero));
                bytes.Value = hint.Bytes;
                insert.ExecuteNonQuery();
            }

            transaction.Commit();
            return hints.Count;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<StoredHint>> ListAsync(string nodeId, int limit, CancellationToken cancellationToken) =>
        RunAsync<IReadOnlyList<StoredHint>>(() =>
        {
            using var select = _connection.CreateCommand();
            select.CommandText = "SELECT id, tenant_id, key, version, created_micros, bytes FROM hints WHERE target_node_id = $node ORDER BY id LIMIT $limit;";
            select.Parameters.AddWithValue("$node", nodeId);
            select.Parameters.AddWithValue("$limit", limit);
            using var reader = select.ExecuteReader();
            var hints = new List<StoredHint>();
            while (reader.Read())
            {
                var version = ProtoMapping.FromProto(StorageVersion.Parser.ParseFrom((byte[])reader.GetValue(3)));
                var created = SqliteDatabase.FromUnixMicros(reader.GetInt64(4)).UtcDateTime;
                hints.Add(new StoredHint(reader.GetInt64(0), new Hint(nodeId, reader.GetString(1), reader.GetString(2), version, created, reader.GetInt64(5))));
            }

            return hints;
        }, cancellationToken);

    public Task<PendingHints> DeleteAsync(string nodeId, IReadOnlyList<long> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return RunAsync(() =>
        {
            using var transaction = _connection.BeginTransaction();
            using var delete = _connection.CreateCommand();
            delete.Transaction = transaction;
            delete.CommandText = "DELETE FROM hints WHERE id = $id AND target_node_id = $node RETURNING bytes;";
            var id = delete.Parameters.Add("$id", SqliteType.Integer);
            delete.Parameters.AddWithValue("$node", nodeId);
            long count = 0;
            long bytes = 0;
            foreach (var each in ids)
            {
                id.Value = each;
                if (delete.ExecuteScalar() is long size)
                {
                    count++;
                    bytes += size;
                }
            }

            transaction.Commit();
            return new PendingHints(nodeId, count, bytes);
        }, cancellationToken);
    }

    public Task<IReadOnlyList<PendingHints>> ExpireAsync(DateTime createdBeforeUtc, CancellationToken cancellationToken) =>
        RunAsync(() =>
        {
            var cutoff = SqliteDatabase.ToUnixMicros(new DateTimeOffset(createdBeforeUtc, TimeSpan.Zero));
            using var transaction = _connection.BeginTransaction();
            var expired = Totals("WHERE created_micros < $cutoff", transaction, ("$cutoff", cutoff));
            if (expired.Count > 0)
            {
                using var delete = _connection.CreateCommand();
                delete.Transaction = transaction;
                delete.CommandText = "DELETE FROM hints WHERE created_micros < $cutoff;";
                delete.Parameters.AddWithValue("$cutoff", cutoff);
                delete.ExecuteNonQuery();
            }

            transaction.Commit();
            return expired;
        }, cancellationToken);

    public Task<PendingHints> DropNodeAsync(string nodeId, CancellationToken cancellationToken) =>
        RunAsync(() =>
        {
            using var transaction = _connection.BeginTransaction();
            var held = Totals("WHERE target_node_id = $node", transaction, ("$node", nodeId));
            using var delete = _connection.CreateCommand();
            delete.Transaction = transaction;
            delete.CommandText = "DELETE FROM hints WHERE target_node_id = $node;";
            delete.Parameters.AddWithValue("$node", nodeId);
            delete.ExecuteNonQuery();
            transaction.Commit();
            return held.Count > 0 ? held[0] : new PendingHints(nodeId, 0, 0);
        }, cancellationToken);

    public Task<IReadOnlyList<PendingHints>> PendingAsync(CancellationToken cancellationToken) =>
        RunAsync(() => Totals(string.Empty, null), cancellationToken);

    /// <summary>Closes the database once no call is using it (hints stay on disk for the next start).</summary>
    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (!_disposed)
            {
                _disposed = true;
                await _connection.DisposeAsync();
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Count and bytes per node of the hints matching <paramref name="where"/>.</summary>
    private IReadOnlyList<PendingHints> Totals(string where, SqliteTransaction? transaction, params (string Name, object Value)[] parameters)
    {
        using var select = _connection.CreateCommand();
        select.Transaction = transaction;
        select.CommandText = $"SELECT target_node_id, COUNT(*), SUM(bytes) FROM hints {where} GROUP BY target_node_id ORDER BY target_node_id;";
        foreach (var (name, value) in parameters)
        {
            select.Parameters.AddWithValue(name, value);
        }

        using var reader = select.ExecuteReader();
        var totals = new List<PendingHints>();
        while (reader.Read())
        {
            totals.Add(new PendingHints(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2)));
        }

        return totals;
    }

    /// <summary>Runs <paramref name="work"/> on the thread pool under the gate, so a caller (an actor) never blocks on the disk.</summary>
    private async Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return await Task.Run(work, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }
}
