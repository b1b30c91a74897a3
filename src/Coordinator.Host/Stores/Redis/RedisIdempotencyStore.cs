using Microsoft.Extensions.Logging.Abstractions;
using PairDb.Actors.Ports;
using StackExchange.Redis;

namespace PairDb.Coordinator.Stores.Redis;

/// <summary>
/// The production idempotency store: one Redis hash per (tenant, key) at <c>{prefix}{tenant}:{key}</c>
/// (pairdb:idem: by default), shared by every coordinator. Claim, complete and release are Lua scripts, so each is
/// one atomic step on the server; expiry is Redis TTLs (claim timeout, then retention), so records need no sweep.
/// Redis keeps its own time: these TTLs follow the server's clock, not a <see cref="TimeProvider"/>.
/// </summary>
public sealed class RedisIdempotencyStore : IIdempotencyStore, IAsyncDisposable
{
    /// <summary>Key prefix of the records in production.</summary>
    public const string DefaultKeyPrefix = "pairdb:idem:";

    private static readonly IdempotencyClaim Claimed = new IdempotencyClaim.Claimed();

    private readonly ConnectionMultiplexer _connection;
    private readonly IDatabase _database;
    private readonly ILogger _logger;
    private readonly string _keyPrefix;
    private readonly RedisValue _retentionMs;

    private RedisIdempotencyStore(ConnectionMultiplexer connection, IdempotencyStoreOptions options, string keyPrefix, ILogger logger)
    {
        _connection = connection;
        _database = connection.GetDatabase();
        _logger = logger;
        _keyPrefix = keyPrefix;
        _retentionMs = (long)Math.Ceiling(options.Retention.TotalMilliseconds);
        _connection.ConnectionFailed += OnConnectionFailed;
        _connection.ConnectionRestored += OnConnectionRestored;
        _connection.InternalError += OnInternalError;
    }

    /// <summary>
    /// Connects with a StackExchange.Redis configuration string ("host:port,password=...,abortConnect=false").
    /// Retention and claim timeout come from <paramref name="options"/>; its sweep settings do not apply (Redis expires keys).
    /// </summary>
    public static Task<RedisIdempotencyStore> ConnectAsync(
        string configuration, IdempotencyStoreOptions? options = null, string keyPrefix = DefaultKeyPrefix, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(configuration);
        return ConnectAsync(ConfigurationOptions.Parse(configuration), options, keyPrefix, logger);
    }

    /// <summary>
    /// Connects with parsed connection options (a password may then hold any character). With AbortOnConnectFail off
    /// this returns even while Redis is down; the connection keeps retrying in the background.
    /// </summary>
    public static async Task<RedisIdempotencyStore> ConnectAsync(
        ConfigurationOptions configuration, IdempotencyStoreOptions? options = null, string keyPrefix = DefaultKeyPrefix, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrEmpty(keyPrefix);
        options ??= new IdempotencyStoreOptions();
        options.Validate();
        var connection = await ConnectionMultiplexer.ConnectAsync(configuration);
        return new RedisIdempotencyStore(connection, options, keyPrefix, logger ?? NullLogger.Instance);
    }

    /// <summary>The Redis key of a record.</summary>
    public string RecordKey(string tenantId, string idempotencyKey) => _keyPrefix + tenantId + ":" + idempotencyKey;

    public async Task<IdempotencyClaim> ClaimAsync(
        string tenantId, string idempotencyKey, string fingerprint, DateTime heldUntilUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        ArgumentNullException.ThrowIfNull(idempotencyKey);
        ArgumentNullException.ThrowIfNull(fingerprint);
        cancellationToken.ThrowIfCancellationRequested();
        var reply = await _database.ScriptEvaluateAsync(
            RedisIdempotencyScripts.Claim, [RecordKey(tenantId, idempotencyKey)], [fingerprint, ClaimMillis(heldUntilUtc), _retentionMs]);
        var held = (RedisResult[]?)reply;
        if (held is null || held.Length == 0)
        {
            return Claimed;
        }

        var state = (string?)held[0];
        var holder = (string?)held[1] ?? throw Corrupt(tenantId, idempotencyKey, "no fingerprint");
        return state switch
        {
            "l" => ((byte[]?)held[1]) is { Length: > 0 } stamp ? new IdempotencyClaim.Claimed(RecordedStampCodec.Decode(stamp)) : Claimed,
            "p" => new IdempotencyClaim.InProgress(holder),
            "c" => new IdempotencyClaim.Completed(
                holder, IdempotentResultCodec.Decode((byte[]?)held[2] ?? throw Corrupt(tenantId, idempotencyKey, "a completed record without its result"))),
            _ => throw Corrupt(tenantId, idempotencyKey, $"an unknown state '{state}'"),
        };
    }

    public async Task<bool> RecordStampAsync(string tenantId, string idempotencyKey, string fingerprint, RecordedStamp stamp, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        ArgumentNullException.ThrowIfNull(idempotencyKey);
        ArgumentNullException.ThrowIfNull(fingerprint);
        var encoded = RecordedStampCodec.Encode(stamp);
        cancellationToken.ThrowIfCancellationRequested();
        var recorded = await _database.ScriptEvaluateAsync(
            RedisIdempotencyScripts.RecordStamp, [RecordKey(tenantId, idempotencyKey)], [fingerprint, encoded, _retentionMs]);
        return (long)recorded == 1;
    }

    public async Task CompleteAsync(
        string tenantId, string idempotencyKey, string fingerprint, IdempotentWriteResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        ArgumentNullException.ThrowIfNull(idempotencyKey);
        ArgumentNullException.ThrowIfNull(fingerprint);
        var encoded = IdempotentResultCodec.Encode(result);
        cancellationToken.ThrowIfCancellationRequested();
        await _database.ScriptEvaluateAsync(
            RedisIdempotencyScripts.Complete, [RecordKey(tenantId, idempotencyKey)], [fingerprint, encoded, _retentionMs]);
    }

    public async Task ReleaseAsync(string tenantId, string idempotencyKey, string fingerprint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        ArgumentNullException.ThrowIfNull(idempotencyKey);
        ArgumentNullException.ThrowIfNull(fingerprint);
        cancellationToken.ThrowIfCancellationRequested();
        await _database.ScriptEvaluateAsync(RedisIdempotencyScripts.Release, [RecordKey(tenantId, idempotencyKey)], [fingerprint]);
    }

    /// <summary>
    /// Redis PING: throws when no connection to the server is available. StackExchange.Redis commands take no
    /// cancellation token (the async timeout bounds them), so the caller's token ends only the wait.
    /// </summary>
    public async Task PingAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await _database.PingAsync().WaitAsync(cancellationToken);
    }

    /// <summary>Closes the connection; the records stay in Redis until their TTLs end.</summary>
    public async ValueTask DisposeAsync()
    {
        _connection.ConnectionFailed -= OnConnectionFailed;
        _connection.ConnectionRestored -= OnConnectionRestored;
        _connection.InternalError -= OnInternalError;
        await _connection.CloseAsync();
        await _connection.DisposeAsync();
    }

    /// <summary>The claim's time to live in Redis (PEXPIRE), from this machine's clock.</summary>
    private static long ClaimMillis(DateTime heldUntilUtc)
    {
        var now = DateTimeOffset.UtcNow;
        return (long)Math.Ceiling((IdempotencyStoreOptions.ClaimExpiry(now, heldUntilUtc) - now).TotalMilliseconds);
    }

    private InvalidDataException Corrupt(string tenantId, string idempotencyKey, string what) =>
        new($"The idempotency record {RecordKey(tenantId, idempotencyKey)} has {what}.");

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e) =>
        RedisConnectionLog.ConnectionFailed(_logger, e.EndPoint, e.FailureType, e.Exception);

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e) =>
        RedisConnectionLog.ConnectionRestored(_logger, e.EndPoint);

    private void OnInternalError(object? sender, InternalErrorEventArgs e) =>
        RedisConnectionLog.InternalError(_logger, e.EndPoint, e.Origin, e.Exception);
}
