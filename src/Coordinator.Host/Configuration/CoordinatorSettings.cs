using PairDb.Messages.Validation;
using PairDb.Storage.Hosting;

namespace PairDb.Coordinator.Configuration;

/// <summary>The table of settings: YAML key, environment variable, and how a value applies to the options.</summary>
internal static class CoordinatorSettings
{
    /// <summary>Largest ring weight of one node; AddStorageNode accepts the same.</summary>
    public const int MaxVirtualNodes = 1000;

    /// <summary>Highest Redis database number accepted (a server has 16 unless its "databases" setting says more).</summary>
    public const int MaxRedisDatabase = 1023;

    /// <summary>Longest TLS handshake tls.handshake_timeout_ms allows: 10 minutes.</summary>
    public const int MaxTlsHandshakeMs = 600_000;

    /// <summary>Most connect attempts of the first connect cycle; reconnects after that never stop.</summary>
    public const int MaxRedisConnectRetries = 100;

    /// <summary>Highest hints.replay_rate: hints a second one coordinator replays, at most.</summary>
    public const int MaxHintReplayRate = 100_000;

    /// <summary>Highest anti_entropy.keys_per_second.</summary>
    public const int MaxAntiEntropyKeysPerSecond = 10_000_000;

    /// <summary>Highest anti_entropy.scan_threshold: the most keys of one leaf scanned from each replica at once.</summary>
    public const int MaxAntiEntropyScanThreshold = 100_000;

    public static readonly Setting[] All =
    [
        new("server.port", "SERVER_PORT", static (o, v) => o with { ServerPort = SettingValueParsers.Port(v) }),
        new("server.bind_address", "BIND_ADDRESS", static (o, v) => o with { BindAddress = SettingValueParsers.BindAddress(v) }),
        new("server.max_connections", "MAX_CONNECTIONS", static (o, v) => o with { MaxConnections = SettingValueParsers.Positive(v) }),
        new("server.max_streams_per_connection", "MAX_STREAMS_PER_CONNECTION", static (o, v) => o with { MaxStreamsPerConnection = SettingValueParsers.Positive(v) }),
        new("server.idle_timeout_ms", "IDLE_TIMEOUT_MS", static (o, v) => o with { IdleTimeout = SettingValueParsers.Milliseconds(v) }),
        new("health.port", "HEALTH_PORT", static (o, v) => o with { HealthPort = SettingValueParsers.Port(v) }),
        new("metrics.port", "METRICS_PORT", static (o, v) => o with { MetricsPort = SettingValueParsers.Port(v) }),
        new("metrics.enabled", "METRICS_ENABLED", static (o, v) => o with { MetricsEnabled = SettingValueParsers.Bool(v) }),
        new("metrics.path", "METRICS_PATH", static (o, v) => o with { MetricsPath = SettingValueParsers.UrlPath(v) }),
        new("coordinator.node_id", "COORDINATOR_NODE_ID", static (o, v) => o with { NodeId = SettingValueParsers.NodeId(v) }),
        new("data_dir", "DATA_DIR", static (o, v) => o with { DataDirectory = SettingValueParsers.Path(v) }),
        new("storage.embedded_nodes", "EMBEDDED_STORAGE_NODES", static (o, v) => o with { EmbeddedStorageNodes = SettingValueParsers.Int(v, 0, 64) }),
        new("storage.nodes", "STORAGE_NODES", static (o, v) => o with { StorageNodes = StaticStorageNodeList.Parse(v) }),
        new("storage.durability", "STORAGE_DURABILITY", static (o, v) => o with { StorageDurability = SettingValueParsers.Durability(v) }),
        new("storage.tombstone_grace", "STORAGE_TOMBSTONE_GRACE", static (o, v) => o with { StorageTombstoneGrace = SettingValueParsers.Duration(v) }),
        new("limits.max_value_bytes", "MAX_VALUE_BYTES", static (o, v) => o with { MaxValueBytes = SettingValueParsers.Positive(v) }),
        new("limits.max_ttl", "MAX_TTL", static (o, v) => o with { MaxTtl = SettingValueParsers.Duration(v) }),
        new("limits.max_batch_keys", "MAX_BATCH_KEYS", static (o, v) => o with { MaxBatchKeys = SettingValueParsers.Int(v, 1, Edge.BatchLimits.HighestMaxKeys) }),
        new("shutdown.timeout_ms", "SHUTDOWN_TIMEOUT_MS", static (o, v) => o with { ShutdownTimeout = SettingValueParsers.Milliseconds(v) }),
        new("requests.default_timeout_ms", "REQUEST_TIMEOUT_MS", static (o, v) => o with { RequestTimeout = SettingValueParsers.Milliseconds(v) }),
        new("requests.max_deadline_ms", "MAX_DEADLINE_MS", static (o, v) => o with
        {
            MaxDeadline = TimeSpan.FromMilliseconds(SettingValueParsers.Int(v, 1, (int)GrpcTimeoutClamp.Largest.TotalMilliseconds)),
        }),
        new("requests.read_timeout_ms", "READ_TIMEOUT_MS", static (o, v) => o with { ReadTimeout = SettingValueParsers.Milliseconds(v) }),
        new("requests.write_timeout_ms", "WRITE_TIMEOUT_MS", static (o, v) => o with { WriteTimeout = SettingValueParsers.Milliseconds(v) }),
        new("requests.max_in_flight", "MAX_IN_FLIGHT", static (o, v) => o with { MaxInFlight = SettingValueParsers.Positive(v) }),
        new("requests.hand_off_retry_ms", "HAND_OFF_RETRY_MS", static (o, v) => o with { HandOffRetryAfter = SettingValueParsers.Milliseconds(v) }),
        new("requests.retry_after_ms", "RETRY_AFTER_MS", static (o, v) => o with { RetryAfter = SettingValueParsers.Milliseconds(v) }),
        new("requests.default_consistency", "DEFAULT_CONSISTENCY", static (o, v) => o with { DefaultConsistency = SettingValueParsers.ConsistencyLevel(v) }),
        new("replicas.call_timeout_ms", "REPLICA_TIMEOUT_MS", static (o, v) => o with { ReplicaCallTimeout = SettingValueParsers.Milliseconds(v) }),
        new("replicas.max_in_flight", "REPLICA_MAX_IN_FLIGHT", static (o, v) => o with { ReplicaMaxInFlight = SettingValueParsers.Int(v, 1, 1024) }),
        new("replicas.max_batch", "REPLICA_MAX_BATCH", static (o, v) => o with { ReplicaMaxBatch = SettingValueParsers.Int(v, 1, 512) }),
        new("replicas.max_batch_bytes", "REPLICA_MAX_BATCH_BYTES", static (o, v) => o with { ReplicaMaxBatchBytes = SettingValueParsers.Positive(v) }),
        new("replicas.max_queued", "REPLICA_MAX_QUEUED", static (o, v) => o with { ReplicaMaxQueued = SettingValueParsers.Positive(v) }),
        new("actors.mailbox_capacity", "MAILBOX_CAPACITY", static (o, v) => o with { MailboxCapacity = SettingValueParsers.Positive(v) }),
        new("actors.passivate_after_ms", "PASSIVATE_AFTER_MS", static (o, v) => o with { PassivateAfter = SettingValueParsers.Milliseconds(v) }),
        new("actors.last_stamp_cache_entries", "LAST_STAMP_CACHE_ENTRIES", static (o, v) => o with { LastStampCacheEntries = SettingValueParsers.NonNegative(v) }),
        new("repair.mode", "READ_REPAIR_MODE", static (o, v) => o with { ReadRepairMode = SettingValueParsers.RepairMode(v) }),
        new("repair.queue_capacity", "REPAIR_QUEUE_CAPACITY", static (o, v) => o with { RepairQueueCapacity = SettingValueParsers.Positive(v) }),
        new("reads.speculative_retry_ms", "READ_SPECULATIVE_RETRY_MS", static (o, v) => o with { ReadSpeculativeRetry = SettingValueParsers.Milliseconds(v) }),
        new("reads.full_read_chance", "READ_FULL_READ_CHANCE", static (o, v) => o with { FullReadChance = SettingValueParsers.Fraction(v) }),
        new("ring.probe_interval_ms", "PROBE_INTERVAL_MS", static (o, v) => o with { ProbeInterval = SettingValueParsers.Milliseconds(v) }),
        new("ring.reload_interval_ms", "RING_RELOAD_INTERVAL_MS", static (o, v) => o with { RingReloadInterval = SettingValueParsers.Milliseconds(v) }),
        new("ring.virtual_nodes", "VIRTUAL_NODES", static (o, v) => o with { VirtualNodes = SettingValueParsers.Int(v, 1, MaxVirtualNodes) }),
        new("migration.settle_delay_ms", "MIGRATION_SETTLE_DELAY_MS", static (o, v) => o with { MigrationSettleDelay = SettingValueParsers.Milliseconds(v) }),
        new("migration.cleanup_grace_ms", "MIGRATION_CLEANUP_GRACE_MS", static (o, v) => o with { MigrationCleanupGrace = SettingValueParsers.Milliseconds(v) }),
        new("migration.timeout_ms", "MIGRATION_TIMEOUT_MS", static (o, v) => o with { MigrationTimeout = SettingValueParsers.Milliseconds(v) }),
        new("ring.failure_threshold", "FAILURE_THRESHOLD", static (o, v) => o with { FailureThreshold = SettingValueParsers.Positive(v) }),
        new("idempotency.retention_hours", "IDEMPOTENCY_RETENTION_HOURS", static (o, v) => o with { IdempotencyRetention = SettingValueParsers.Hours(v) }),
        new("idempotency.claim_margin_ms", "IDEMPOTENCY_CLAIM_MARGIN_MS", static (o, v) => o with { IdempotencyClaimMargin = SettingValueParsers.Milliseconds(v) }),
        new("tenants.default_replication_factor", "DEFAULT_REPLICATION_FACTOR", static (o, v) => o with { DefaultReplicationFactor = SettingValueParsers.Int(v, 1, 10) }),
        new("tenants.cache_ttl_ms", "TENANT_CACHE_TTL_MS", static (o, v) => o with { TenantCacheTtl = SettingValueParsers.Milliseconds(v) }),
        new("tenants.cache_max_entries", "TENANT_CACHE_MAX_ENTRIES", static (o, v) => o with { TenantCacheMaxEntries = SettingValueParsers.Positive(v) }),
        new("tenants.cache_miss_ttl_ms", "TENANT_CACHE_MISS_TTL_MS", static (o, v) => o with { TenantCacheMissTtl = SettingValueParsers.Milliseconds(v) }),
        new("tenants.cache_max_misses", "TENANT_CACHE_MAX_MISSES", static (o, v) => o with { TenantCacheMaxMisses = SettingValueParsers.Positive(v) }),

        // A storage node rejects clocks of more than 64 entries, so pruning must keep clocks below that.
        new("clock.max_entries", "CLOCK_MAX_ENTRIES", static (o, v) => o with { ClockMaxEntries = SettingValueParsers.Int(v, 1, 64) }),
        new("database.host", "DATABASE_HOST", static (o, v) => o with { DatabaseHost = SettingValueParsers.HostName(v) }),
        new("database.port", "DATABASE_PORT", static (o, v) => o with { DatabasePort = SettingValueParsers.Int(v, 1, 65535) }),
        new("database.name", "DATABASE_NAME", static (o, v) => o with { DatabaseName = SettingValueParsers.Word(v) }),
        new("database.user", "DATABASE_USER", static (o, v) => o with { DatabaseUser = SettingValueParsers.Word(v) }),
        new("database.password", "DATABASE_PASSWORD", static (o, v) => o with { DatabasePassword = v.Text }),
        new("database.max_pool_size", "DATABASE_MAX_POOL_SIZE", static (o, v) => o with { DatabaseMaxPoolSize = SettingValueParsers.Positive(v) }),
        new("database.min_pool_size", "DATABASE_MIN_POOL_SIZE", static (o, v) => o with { DatabaseMinPoolSize = SettingValueParsers.NonNegative(v) }),
        new("database.connection_lifetime_ms", "DATABASE_CONNECTION_LIFETIME_MS", static (o, v) => o with { DatabaseConnectionLifetime = SettingValueParsers.Milliseconds(v) }),
        new("redis.host", "REDIS_HOST", static (o, v) => o with { RedisHost = SettingValueParsers.HostName(v) }),
        new("redis.port", "REDIS_PORT", static (o, v) => o with { RedisPort = SettingValueParsers.Int(v, 1, 65535) }),
        new("redis.password", "REDIS_PASSWORD", static (o, v) => o with { RedisPassword = v.Text }),
        new("redis.database", "REDIS_DATABASE", static (o, v) => o with { RedisDatabase = SettingValueParsers.Int(v, 0, MaxRedisDatabase) }),
        new("redis.key_prefix", "REDIS_KEY_PREFIX", static (o, v) => o with { RedisKeyPrefix = SettingValueParsers.KeyPrefix(v) }),
        new("redis.connect_timeout_ms", "REDIS_CONNECT_TIMEOUT_MS", static (o, v) => o with { RedisConnectTimeout = SettingValueParsers.Milliseconds(v) }),
        new("redis.sync_timeout_ms", "REDIS_SYNC_TIMEOUT_MS", static (o, v) => o with { RedisSyncTimeout = SettingValueParsers.Milliseconds(v) }),
        new("redis.async_timeout_ms", "REDIS_ASYNC_TIMEOUT_MS", static (o, v) => o with { RedisAsyncTimeout = SettingValueParsers.Milliseconds(v) }),
        new("redis.connect_retries", "REDIS_CONNECT_RETRIES", static (o, v) => o with { RedisConnectRetries = SettingValueParsers.Int(v, 0, MaxRedisConnectRetries) }),
        new("redis.reconnect_max_backoff_ms", "REDIS_RECONNECT_MAX_BACKOFF_MS", static (o, v) => o with { RedisReconnectMaxBackoff = SettingValueParsers.Milliseconds(v) }),
        new("cluster.hostname", "CLUSTER_HOSTNAME", static (o, v) => o with { Cluster = o.Cluster with { Hostname = SettingValueParsers.RequiredHostName(v) } }),
        new("cluster.port", "CLUSTER_PORT", static (o, v) => o with { Cluster = o.Cluster with { Port = SettingValueParsers.Port(v) } }),
        new("cluster.public_port", "CLUSTER_PUBLIC_PORT", static (o, v) => o with { Cluster = o.Cluster with { PublicPort = SettingValueParsers.Port(v) } }),
        new("cluster.seeds", "CLUSTER_SEEDS", static (o, v) => o with { Cluster = o.Cluster with { Seeds = ClusterSeedList.Parse(v) } }),
        new("cluster.management_port", "MANAGEMENT_PORT", static (o, v) => o with { Cluster = o.Cluster with { ManagementPort = SettingValueParsers.Port(v) } }),
        new("log.level", "LOG_LEVEL", static (o, v) => o with { LogLevel = SettingValueParsers.Level(v) }),
        new("log.format", "LOG_FORMAT", static (o, v) => o with { LogFormat = SettingValueParsers.Format(v) }),
        new("security.auth_enabled", "AUTH_ENABLED", static (o, v) => o with { AuthEnabled = SettingValueParsers.Bool(v) }),
        new("security.admin_token", "ADMIN_TOKEN", static (o, v) => o with { AdminToken = new SecretText(v.Text.Trim()) }),
        new("security.token_cache_ttl_ms", "TOKEN_CACHE_TTL_MS", static (o, v) => o with { TokenCacheTtl = SettingValueParsers.Milliseconds(v) }),
        new("security.token_cache_max_entries", "TOKEN_CACHE_MAX_ENTRIES", static (o, v) => o with { TokenCacheMaxEntries = SettingValueParsers.Positive(v) }),
        new("security.max_tokens_per_tenant", "MAX_TOKENS_PER_TENANT", static (o, v) => o with { MaxTokensPerTenant = SettingValueParsers.Positive(v) }),
        new("security.max_page_size", "MAX_PAGE_SIZE", static (o, v) => o with { MaxPageSize = SettingValueParsers.Int(v, 1, 10_000) }),
        new("security.audit_max_records", "AUDIT_MAX_RECORDS", static (o, v) => o with { AuditMaxRecords = SettingValueParsers.Positive(v) }),
        new("hints.enabled", "HINTS_ENABLED", static (o, v) => o with { HintsEnabled = SettingValueParsers.Bool(v) }),
        new("hints.window", "HINT_WINDOW", static (o, v) => o with { HintWindow = SettingValueParsers.Duration(v) }),
        new("hints.max_bytes", "HINT_MAX_BYTES", static (o, v) => o with { HintMaxBytes = SettingValueParsers.Positive(v) }),
        new("hints.replay_rate", "HINT_REPLAY_RATE", static (o, v) => o with { HintReplayRate = SettingValueParsers.Int(v, 1, MaxHintReplayRate) }),
        new("anti_entropy.enabled", "ANTI_ENTROPY_ENABLED", static (o, v) => o with { AntiEntropyEnabled = SettingValueParsers.Bool(v) }),
        new("anti_entropy.interval", "ANTI_ENTROPY_INTERVAL", static (o, v) => o with { AntiEntropyInterval = SettingValueParsers.Duration(v) }),
        new("anti_entropy.keys_per_second", "ANTI_ENTROPY_KEYS_PER_SECOND", static (o, v) => o with { AntiEntropyKeysPerSecond = SettingValueParsers.Int(v, 1, MaxAntiEntropyKeysPerSecond) }),
        new("anti_entropy.leaves", "ANTI_ENTROPY_LEAVES", static (o, v) => o with { AntiEntropyLeaves = SettingValueParsers.Int(v, 2, RequestLimits.MaxDigestLeaves) }),
        new("anti_entropy.scan_threshold", "ANTI_ENTROPY_SCAN_THRESHOLD", static (o, v) => o with { AntiEntropyScanThreshold = SettingValueParsers.Int(v, 1, MaxAntiEntropyScanThreshold) }),
        new("anti_entropy.recheck_interval_ms", "ANTI_ENTROPY_RECHECK_INTERVAL_MS", static (o, v) => o with { AntiEntropyRecheckInterval = SettingValueParsers.Milliseconds(v) }),
        new("memory.idle_trim_after", "MEMORY_IDLE_TRIM_AFTER", static (o, v) => o with { MemoryIdleTrimAfter = SettingValueParsers.DurationOrOff(v) }),
        new("memory.idle_allocation_rate", "MEMORY_IDLE_ALLOCATION_RATE", static (o, v) => o with { MemoryIdleAllocationRate = SettingValueParsers.NonNegative(v) }),
        new("tls.cert_file", "TLS_CERT_FILE", static (o, v) => o with { Tls = o.Tls with { CertFile = SettingValueParsers.File(v) } }),
        new("tls.key_file", "TLS_KEY_FILE", static (o, v) => o with { Tls = o.Tls with { KeyFile = SettingValueParsers.File(v) } }),
        new("tls.client_ca_file", "TLS_CLIENT_CA_FILE", static (o, v) => o with { Tls = o.Tls with { ClientCaFile = SettingValueParsers.File(v) } }),
        new("tls.require_client_cert", "TLS_REQUIRE_CLIENT_CERT", static (o, v) => o with { Tls = o.Tls with { RequireClientCert = SettingValueParsers.Bool(v) } }),
        new("tls.handshake_timeout_ms", "TLS_HANDSHAKE_TIMEOUT_MS", static (o, v) => o with { Tls = o.Tls with { HandshakeTimeout = TimeSpan.FromMilliseconds(SettingValueParsers.Int(v, 1, MaxTlsHandshakeMs)) } }),
        new("tls.storage_ca_file", "STORAGE_TLS_CA_FILE", static (o, v) => o with { Tls = o.Tls with { StorageCaFile = SettingValueParsers.File(v) } }),
        new("tls.storage_cert_file", "STORAGE_TLS_CERT_FILE", static (o, v) => o with { Tls = o.Tls with { StorageCertFile = SettingValueParsers.File(v) } }),
        new("tls.storage_key_file", "STORAGE_TLS_KEY_FILE", static (o, v) => o with { Tls = o.Tls with { StorageKeyFile = SettingValueParsers.File(v) } }),
        new("tls.cluster_ca_file", "CLUSTER_TLS_CA_FILE", static (o, v) => o with { Tls = o.Tls with { ClusterCaFile = SettingValueParsers.File(v) } }),
        new("tls.cluster_cert_file", "CLUSTER_TLS_CERT_FILE", static (o, v) => o with { Tls = o.Tls with { ClusterCertFile = SettingValueParsers.File(v) } }),
        new("tls.cluster_key_file", "CLUSTER_TLS_KEY_FILE", static (o, v) => o with { Tls = o.Tls with { ClusterKeyFile = SettingValueParsers.File(v) } }),
        new("rate_limits.default_requests_per_second", "RATE_LIMIT_DEFAULT_REQUESTS_PER_SECOND", static (o, v) => o with
        {
            RateLimitDefaultRequestsPerSecond = SettingValueParsers.NonNegative(v),
        }),
        new("rate_limits.default_bytes_per_second", "RATE_LIMIT_DEFAULT_BYTES_PER_SECOND", static (o, v) => o with
        {
            RateLimitDefaultBytesPerSecond = SettingValueParsers.NonNegative(v),
        }),
        new("rate_limits.burst_ms", "RATE_LIMIT_BURST_MS", static (o, v) => o with { RateLimitBurst = SettingValueParsers.Milliseconds(v) }),
        new("rate_limits.max_tenants", "RATE_LIMIT_MAX_TENANTS", static (o, v) => o with { RateLimitMaxTenants = SettingValueParsers.Positive(v) }),
        new("rate_limits.idle_ms", "RATE_LIMIT_IDLE_MS", static (o, v) => o with { RateLimitIdle = SettingValueParsers.Milliseconds(v) }),
        new("rate_limits.metric_tenants", "RATE_LIMIT_METRIC_TENANTS", static (o, v) => o with { RateLimitMetricTenants = SettingValueParsers.NonNegative(v) }),
    ];
}
