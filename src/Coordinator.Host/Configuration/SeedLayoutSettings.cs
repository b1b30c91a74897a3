using PairDb.Actors.Quorum;

namespace PairDb.Coordinator.Configuration;

/// <summary>
/// The keys of the original PairDB config.yaml that this project's own layout names differently or lacks, so that an
/// operator's existing file works unchanged. Durations are written the seed's way (500ms, 10s, 30m). Each key sets the
/// option its project counterpart sets (whose environment variable still overrides it), or, where it has no meaning
/// here, is checked and accepted with a warning that names it. Keys the two layouts share (server.port, database.host,
/// redis.host, metrics.port, ...) are in <see cref="CoordinatorSettings"/> only. Keys this project's earlier versions
/// had and this one retired are accepted here the same way, with a warning, so an existing file still starts the
/// coordinator. docs/configuration.md lists them all.
/// </summary>
internal static class SeedLayoutSettings
{
    public static readonly Setting[] All =
    [
        new("server.host", "BIND_ADDRESS", static (o, v) => o with { BindAddress = SettingValueParsers.BindAddress(v) }),
        new("server.node_id", "COORDINATOR_NODE_ID", static (o, v) => o with { NodeId = SettingValueParsers.NodeId(v) }),
        new("server.read_timeout", string.Empty, static (o, v) => Ignored(
            o, v, SettingValueParsers.Duration(v), "gRPC calls carry their own deadline; a read without one gets consistency.read_timeout")),
        new("server.write_timeout", string.Empty, static (o, v) => Ignored(
            o, v, SettingValueParsers.Duration(v), "gRPC calls carry their own deadline; a write without one gets consistency.write_timeout")),
        new("server.shutdown_timeout", "SHUTDOWN_TIMEOUT_MS", static (o, v) => o with { ShutdownTimeout = SettingValueParsers.Duration(v) }),
        new("database.database", "DATABASE_NAME", static (o, v) => o with { DatabaseName = SettingValueParsers.Word(v) }),
        new("database.max_connections", "DATABASE_MAX_POOL_SIZE", static (o, v) => o with { DatabaseMaxPoolSize = SettingValueParsers.Positive(v) }),
        new("database.min_connections", "DATABASE_MIN_POOL_SIZE", static (o, v) => o with { DatabaseMinPoolSize = SettingValueParsers.NonNegative(v) }),
        new("database.conn_max_lifetime", "DATABASE_CONNECTION_LIFETIME_MS", static (o, v) => o with { DatabaseConnectionLifetime = SettingValueParsers.Duration(v) }),
        new("redis.db", "REDIS_DATABASE", static (o, v) => o with { RedisDatabase = SettingValueParsers.Int(v, 0, CoordinatorSettings.MaxRedisDatabase) }),
        new("redis.max_retries", "REDIS_CONNECT_RETRIES", static (o, v) => o with
        {
            RedisConnectRetries = SettingValueParsers.Int(v, 0, CoordinatorSettings.MaxRedisConnectRetries),
        }),
        new("redis.pool_size", string.Empty, static (o, v) => Ignored(
            o, v, SettingValueParsers.Positive(v), "StackExchange.Redis multiplexes every command over one connection, so there is no pool to size")),
        new("redis.min_idle_conns", string.Empty, static (o, v) => Ignored(
            o, v, SettingValueParsers.NonNegative(v), "StackExchange.Redis multiplexes every command over one connection, so there are no idle connections to keep")),
        new("hash_ring.virtual_nodes", "VIRTUAL_NODES", static (o, v) => o with { VirtualNodes = SettingValueParsers.Int(v, 1, CoordinatorSettings.MaxVirtualNodes) }),
        new("hash_ring.update_interval", "RING_RELOAD_INTERVAL_MS", static (o, v) => o with { RingReloadInterval = SettingValueParsers.Duration(v) }),
        new("consistency.default_level", "DEFAULT_CONSISTENCY", static (o, v) => o with { DefaultConsistency = SettingValueParsers.ConsistencyLevel(v) }),
        new("consistency.write_timeout", "WRITE_TIMEOUT_MS", static (o, v) => o with { WriteTimeout = SettingValueParsers.Duration(v) }),
        new("consistency.read_timeout", "READ_TIMEOUT_MS", static (o, v) => o with { ReadTimeout = SettingValueParsers.Duration(v) }),
        new("consistency.repair_async", "READ_REPAIR_MODE", static (o, v) => o with
        {
            ReadRepairMode = SettingValueParsers.Bool(v) ? ReadRepairMode.Async : ReadRepairMode.Sync,
        }),
        new("cache.tenant_config_ttl", "TENANT_CACHE_TTL_MS", static (o, v) => o with { TenantCacheTtl = SettingValueParsers.Duration(v) }),
        new("cache.max_size", "TENANT_CACHE_MAX_ENTRIES", static (o, v) => o with { TenantCacheMaxEntries = SettingValueParsers.Positive(v) }),
        new("logging.level", "LOG_LEVEL", static (o, v) => o with { LogLevel = SettingValueParsers.Level(v) }),
        new("logging.format", "LOG_FORMAT", static (o, v) => o with { LogFormat = SettingValueParsers.Format(v) }),
        new("storage.tombstone_sweep_interval", string.Empty, static (o, v) => Ignored(
            o, v, SettingValueParsers.Duration(v),
            "storage nodes no longer sweep tombstones on a timer; anti-entropy passes (anti_entropy.*) collect them after storage.tombstone_grace")),
    ];

    /// <summary>Accepts a key that has no effect here (its value already checked by <paramref name="parsed"/>) and records a warning naming it.</summary>
    private static CoordinatorOptions Ignored<T>(CoordinatorOptions options, SettingInput input, T parsed, string reason)
    {
        _ = parsed;
        var warning = $"{input.YamlKey} = '{input.Text.Trim()}' from {input.Source} has no effect: {reason}.";
        return options with { ConfigurationWarnings = [.. options.ConfigurationWarnings, warning] };
    }
}
