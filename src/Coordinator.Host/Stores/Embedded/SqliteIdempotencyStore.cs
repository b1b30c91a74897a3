using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using PairDb.Actors.Ports;
using PairDb.Coordinator.Stores.Sqlite;

namespace PairDb.Coordinator.Stores.Embedded;

/// <summary>
/// The embedded idempotency store: records in DATA_DIR/idempotency.db (SQLite, WAL), so they survive a coordinator
/// restart within the retention. Calls are serialised on one connection with statements prepared once; expired
/// records are invisible at once and deleted by a periodic sweep of bounded size. All times come from the
/// injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class SqliteIdempotencyStore : IIdempotencyStore, IAsyncDisposable, IDisposable
{
    public const string DatabaseFileName = "idempotency.db";

    private static readonly IdempotencyClaim Claimed = new IdempotencyClaim.Claimed();

    private readonly SqliteConnection _connection;
    private readonly IdempotencyStoreOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly SqliteCommand _begin;
    private readonly SqliteCommand _commit;
    private readonly SqliteCommand _rollback;
    private readonly SqliteCommand _lookup;
    private readonly SqliteCommand _claim;
    private readonly SqliteCommand _complete;
    private readonly SqliteCommand _recordStamp;
    private readonly SqliteCommand _lapse;
    private readonly SqliteCommand _release;
    private readonly SqliteCommand _sweep;
    private readonly SqliteCommand _ping;
    private Task _sweeper = Task.CompletedTask;
    private long _swept;
    private bool _disposed;

    private SqliteIdempotencyStore(SqliteConnection connection, IdempotencyStoreOptions options, TimeProvider time, ILogger logger)
    {
        _connection = connection;
        _options = options;
        _time = time;
        _logger = logger;
        _begin = SqliteDatabase.Prepare(connection, "BEGIN IMMEDIATE;");
        _commit = SqliteDatabase.Prepare(connection, "COMMIT;");
        _rollback = SqliteDatabase.Prepare(connection, "ROLLBACK;");
        _lookup = SqliteDatabase.Prepare(connection, IdempotencySchema.LookupSql, "$tenant", "$key", "$now");
        _claim = SqliteDatabase.Prepare(connection, IdempotencySchema.ClaimSql, "$tenant", "$key", "$fingerprint", "$now", "$expires", "$held", "$stamp");
        _recordStamp = SqliteDatabase.Prepare(connection, IdempotencySchema.RecordStampSql, "$tenant", "$key", "$fingerprint", "$now", "$expires", "$stamp");
        _lapse = SqliteDatabase.Prepare(connection, IdempotencySchema.LapseSql, "$tenant", "$key", "$fingerprint");
        _complete = SqliteDatabase.Prepare(connection, IdempotencySchema.CompleteSql, "$tenant", "$key", "$fingerprint", "$now", "$expires", "$result");
        _release = SqliteDatabase.Prepare(connection, IdempotencySchema.ReleaseSql, "$tenant", "$key", "$fingerprint");
        _sweep = SqliteDatabase.Prepare(connection, IdempotencySchema.SweepSql, "$now", "$limit");
        _ping = SqliteDatabase.Prepare(connection, "SELECT 1;");
    }

    /// <summary>Expired records deleted by sweeps since the store was opened.</summary>
    public long SweptRecords => Interlocked.Read(ref _swept);

    /// <summary>Opens (creating if needed) DATA_DIR/idempotency.db and starts the periodic sweep.</summary>
    public static SqliteIdempotencyStore Open(
        string dataDirectory, IdempotencyStoreOptions? options = null, TimeProvider? time = null, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        options ??= new IdempotencyStoreOptions();
        options.Validate();

        // Not fsynced per commit: losing the last records to a power cut only lets a retry apply its write again.
        var connection = SqliteDatabase.Open(Path.Combine(dataDirectory, DatabaseFileName), fsyncEveryCommit: false);
        try
        {
            IdempotencySchema.Initialize(connection);
            var store = new SqliteIdempotencyStore(connection, options, time ?? TimeProvider.System, logger ?? NullLogger.Instance);
            store._sweeper = store.RunSweepsAsync();
            return store;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public async Task<IdempotencyClaim> ClaimAsync(
        string tenantId, string idempotencyKey, string fingerprint, DateTime heldUntilUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        ArgumentNullException.ThrowIfNull(idempotencyKey);
        ArgumentNullException.ThrowIfNull(fingerprint);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var now = _time.GetUtcNow();
            var nowMicros = SqliteDatabase.ToUnixMicros(now);
            _begin.ExecuteNonQuery();
            try
            {
                var held = Lookup(tenantId, idempotencyKey, nowMicros);
                var outcome = held switch
                {
                    null => Claimed,
                    { Completed: false, Stamp: not null, HeldUntil: { } until } when until <= nowMicros =>
                        held.Fingerprint == fingerprint ? new IdempotencyClaim.Claimed(RecordedStampCodec.Decode(held.Stamp)) : Claimed,
                    { Completed: false } => new IdempotencyClaim.InProgress(held.Fingerprint),
                    _ => new IdempotencyClaim.Completed(held.Fingerprint, IdempotentResultCodec.Decode(held.Result ?? throw new InvalidDataException(
                        $"The idempotency record {tenantId}:{idempotencyKey} is completed without its result."))),
                };
                if (outcome is IdempotencyClaim.Claimed claimed)
                {
                    // A claim that took over a stamp keeps it, and with it the row for the retention.
                    var hold = IdempotencyStoreOptions.ClaimExpiry(now, heldUntilUtc);
                    var kept = claimed.Lapsed is null ? null : held!.Stamp;
                    Bind(_claim, tenantId, idempotencyKey, fingerprint, now, kept is null || hold > now + _options.Retention ? hold : now + _options.Retention);
                    _claim.Parameters[5].Value = SqliteDatabase.ToUnixMicros(hold);
                    _claim.Parameters[6].Value = (object?)kept ?? DBNull.Value;
                    _claim.ExecuteNonQuery();
                }

                _commit.ExecuteNonQuery();
                return outcome;
            }
            catch
            {
                RollbackQuietly();
                throw;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<bool> RecordStampAsync(string tenantId, string idempotencyKey, string fingerprint, RecordedStamp stamp, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        ArgumentNullException.ThrowIfNull(idempotencyKey);
        ArgumentNullException.ThrowIfNull(fingerprint);
        var encoded = RecordedStampCodec.Encode(stamp);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var now = _time.GetUtcNow();
            Bind(_recordStamp, tenantId, idempotencyKey, fingerprint, now, now + _options.Retention);
            _recordStamp.Parameters[5].Value = encoded;
            return _recordStamp.ExecuteNonQuery() == 1;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task CompleteAsync(
        string tenantId, string idempotencyKey, string fingerprint, IdempotentWriteResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        ArgumentNullException.ThrowIfNull(idempotencyKey);
        ArgumentNullException.ThrowIfNull(fingerprint);
        var encoded = IdempotentResultCodec.Encode(result);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var now = _time.GetUtcNow();
            Bind(_complete, tenantId, idempotencyKey, fingerprint, now, now + _options.Retention);
            _complete.Parameters[5].Value = encoded;
            _complete.ExecuteNonQuery();
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task ReleaseAsync(string tenantId, string idempotencyKey, string fingerprint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        ArgumentNullException.ThrowIfNull(idempotencyKey);
        ArgumentNullException.ThrowIfNull(fingerprint);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            foreach (var command in (SqliteCommand[])[_lapse, _release])
            {
                command.Parameters[0].Value = tenantId;
                command.Parameters[1].Value = idempotencyKey;
                command.Parameters[2].Value = fingerprint;
                command.ExecuteNonQuery();
            }
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
            ObjectDisposedException.ThrowIf(_disposed, this);
            _ping.ExecuteScalar();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Deletes up to SweepBatchSize expired records; returns how many (0 once the store is disposed).</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_disposed)
            {
                return 0;
            }

            _sweep.Parameters[0].Value = SqliteDatabase.ToUnixMicros(_time.GetUtcNow());
            _sweep.Parameters[1].Value = _options.SweepBatchSize;
            var deleted = _sweep.ExecuteNonQuery();
            Interlocked.Add(ref _swept, deleted);
            return deleted;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Stops the sweep and closes the database once no call is using it (records stay on disk for the next start).</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _sweeper;
        await _gate.WaitAsync();
        Close();
    }

    public void Dispose()
    {
        // The sweep loop ends on its own: it checks for disposal under the gate before touching the database.
        _stopping.Cancel();
        _gate.Wait();
        Close();
    }

    private static void Bind(SqliteCommand command, string tenantId, string key, string fingerprint, DateTimeOffset now, DateTimeOffset expires)
    {
        command.Parameters[0].Value = tenantId;
        command.Parameters[1].Value = key;
        command.Parameters[2].Value = fingerprint;
        command.Parameters[3].Value = SqliteDatabase.ToUnixMicros(now);
        command.Parameters[4].Value = SqliteDatabase.ToUnixMicros(expires);
    }

    /// <summary>The live (unexpired) record of the key, or null when there is none.</summary>
    private Row? Lookup(string tenantId, string key, long nowMicros)
    {
        _lookup.Parameters[0].Value = tenantId;
        _lookup.Parameters[1].Value = key;
        _lookup.Parameters[2].Value = nowMicros;
        using var reader = _lookup.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        return new Row(
            reader.GetString(0),
            reader.GetInt64(1) != 0,
            reader.IsDBNull(2) ? null : (byte[])reader.GetValue(2),
            reader.IsDBNull(3) ? null : reader.GetInt64(3),
            reader.IsDBNull(4) ? null : (byte[])reader.GetValue(4));
    }

    /// <summary>Closes the statements and the connection; the caller holds the gate, which this releases.</summary>
    private void Close()
    {
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            foreach (var command in (SqliteCommand[])[_begin, _commit, _rollback, _lookup, _claim, _recordStamp, _lapse, _complete, _release, _sweep, _ping])
            {
                command.Dispose();
            }

            _connection.Dispose();
        }
        finally
        {
            _gate.Release();
        }
    }

    private void RollbackQuietly()
    {
        try
        {
            _rollback.ExecuteNonQuery();
        }
        catch (SqliteException)
        {
            // SQLite already rolled the transaction back (or BEGIN failed): nothing is left to undo.
        }
    }

    private async Task RunSweepsAsync()
    {
        using var timer = new PeriodicTimer(_options.SweepInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token))
            {
                try
                {
                    var count = await SweepAsync(_stopping.Token);
                    if (count > 0)
                    {
                        IdempotencyStoreLog.Swept(_logger, count);
                    }
                }
                catch (SqliteException ex)
                {
                    IdempotencyStoreLog.SweepFailed(_logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Disposed: expired records left behind are invisible and go with a later sweep.
        }
    }

    /// <summary>A record as stored: held_until is null in rows written by schema 1 (they lapse by expires_at alone).</summary>
    private sealed record Row(string Fingerprint, bool Completed, byte[]? Result, long? HeldUntil, byte[]? Stamp);
}
