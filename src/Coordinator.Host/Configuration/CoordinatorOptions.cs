using PairDb.Actors.Quorum;
using PairDb.Messages.Validation;
using PairDb.Messages.Values;
using PairDb.Storage.Hosting;

namespace PairDb.Coordinator.Configuration;

/// <summary>
/// Every coordinator setting, with its built-in default. <see cref="CoordinatorOptionsLoader"/> layers the YAML file
/// and then the environment over these defaults; config.yaml at the repository root documents each key.
/// </summary>
public sealed partial record CoordinatorOptions
{
    /// <summary>Ring weight of a storage node listed in storage.nodes (DESIGN: 150 virtual nodes per node).</summary>
    public const int DefaultVirtualNodes = 150;

    /// <summary>server.port / SERVER_PORT: client gRPC (HTTP/2 cleartext); 0 picks a free port.</summary>
    public int ServerPort { get; init; } = 50051;

    /// <summary>server.bind_address / BIND_ADDRESS: address every listener binds to.</summary>
    public string BindAddress { get; init; } = "127.0.0.1";

    /// <summary>
    /// server.max_connections / MAX_CONNECTIONS: open connections each listener (gRPC, health, metrics; Kestrel's
    /// MaxConcurrentConnections) holds at once; a further one is closed as soon as it is accepted, until one closes.
    /// </summary>
    public int MaxConnections { get; init; } = 10_000;

    /// <summary>
    /// server.max_streams_per_connection / MAX_STREAMS_PER_CONNECTION: calls one HTTP/2 connection may have open at once
    /// (Kestrel's Http2.MaxStreamsPerConnection, advertised to the client, which queues further calls).
    /// </summary>
    public int MaxStreamsPerConnection { get; init; } = 1000;

    /// <summary>
    /// server.idle_timeout_ms / IDLE_TIMEOUT_MS: a connection with no call open for this long is closed (Kestrel's
    /// KeepAliveTimeout); clients reconnect on their next call.
    /// </summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>health.port / HEALTH_PORT: HTTP/1.1 /health/live and /health/ready.</summary>
    public int HealthPort { get; init; } = 8080;

    /// <summary>metrics.port / METRICS_PORT: HTTP/1.1 /metrics.</summary>
    public int MetricsPort { get; init; } = 9090;

    /// <summary>metrics.enabled / METRICS_ENABLED: false opens no metrics listener at all.</summary>
    public bool MetricsEnabled { get; init; } = true;

    /// <summary>metrics.path / METRICS_PATH: path of the Prometheus exposition on the metrics port.</summary>
    public string MetricsPath { get; init; } = "/metrics";

    /// <summary>coordinator.node_id / COORDINATOR_NODE_ID: this coordinator's vector clock id (generated and persisted when unset).</summary>
    public string NodeId { get; init; } = string.Empty;

    /// <summary>data_dir / DATA_DIR: metadata.db, idempotency.db, coordinator-id and the embedded storage nodes' data.</summary>
    public string DataDirectory { get; init; } = "./data";

    /// <summary>storage.embedded_nodes / EMBEDDED_STORAGE_NODES: storage nodes hosted in this process (0 = none).</summary>
    public int EmbeddedStorageNodes { get; init; } = 3;

    /// <summary>storage.nodes / STORAGE_NODES: external storage nodes registered at start.</summary>
    public IReadOnlyList<StorageNode> StorageNodes { get; init; } = [];

    /// <summary>storage.durability / STORAGE_DURABILITY: write-ahead log mode of the embedded storage nodes.</summary>
    public DurabilityMode StorageDurability { get; init; } = DurabilityMode.Fsync;

    /// <summary>
    /// storage.tombstone_grace / STORAGE_TOMBSTONE_GRACE: anti-entropy has the replicas collect only tombstones and expired
    /// versions older than this at the start of a sync that found their range's replicas in agreement.
    /// </summary>
    public TimeSpan StorageTombstoneGrace { get; init; } = TimeSpan.FromHours(24);

    /// <summary>limits.max_value_bytes / MAX_VALUE_BYTES: largest value a client may write.</summary>
    public int MaxValueBytes { get; init; } = RequestLimits.DefaultMaxValueBytes;

    /// <summary>limits.max_ttl / MAX_TTL: longest time to live a write may carry (ttl_ms).</summary>
    public TimeSpan MaxTtl { get; init; } = RequestLimits.DefaultMaxTtl;
    /// <summary>
    /// limits.max_batch_keys / MAX_BATCH_KEYS: keys one BatchRead or BatchWrite may name (1..1000); more is
    /// INVALID_ARGUMENT. At most requests.max_in_flight, since a batch holds a slot of that bound per key.
    /// </summary>
    public int MaxBatchKeys { get; init; } = Edge.BatchLimits.DefaultMaxKeys;

    /// <summary>Largest message a client may send: one value of <see cref="MaxValueBytes"/> with its envelope.</summary>
    public int MaxClientRequestBytes => RequestLimits.MaxClientRequestBytes(MaxValueBytes);

    /// <summary>
    /// Largest message to or from a storage node, and of an answer to a client (a read may carry sibling versions),
    /// derived from <see cref="MaxValueBytes"/> and <see cref="ReplicaMaxBatchBytes"/>.
    /// </summary>
    public int MaxMessageBytes => RequestLimits.MaxMessageBytes(MaxValueBytes, ReplicaMaxBatchBytes);

    /// <summary>
    /// shutdown.timeout_ms / SHUTDOWN_TIMEOUT_MS: after SIGTERM, how long calls already running may take to finish
    /// (new calls are refused at once); the host's own shutdown timeout. Keep it below the orchestrator's grace period.
    /// </summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromMilliseconds(15_000);

    /// <summary>requests.default_timeout_ms / REQUEST_TIMEOUT_MS: deadline of a call that sends no grpc-timeout.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromMilliseconds(5000);

    /// <summary>
    /// requests.max_deadline_ms / MAX_DEADLINE_MS: longest deadline a call may have; a longer grpc-timeout (up to the
    /// spec's 99999999H) is clamped to it and the call runs normally.
    /// </summary>
    public TimeSpan MaxDeadline { get; init; } = TimeSpan.FromHours(1);

    /// <summary>requests.read_timeout_ms / READ_TIMEOUT_MS: deadline of a read that sends no grpc-timeout; null = <see cref="RequestTimeout"/>.</summary>
    public TimeSpan? ReadTimeout { get; init; }

    /// <summary>requests.write_timeout_ms / WRITE_TIMEOUT_MS: deadline of a write or delete that sends no grpc-timeout; null = <see cref="RequestTimeout"/>.</summary>
    public TimeSpan? WriteTimeout { get; init; }

    /// <summary>
    /// requests.retry_after_ms / RETRY_AFTER_MS: back-off advised in the retry-after-ms trailer of every
    /// RESOURCE_EXHAUSTED answer (overload anywhere on the path).
    /// </summary>
    public TimeSpan RetryAfter { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>requests.default_consistency / DEFAULT_CONSISTENCY: consistency of a read or write that names none.</summary>
    public Consistency DefaultConsistency { get; init; } = Consistency.Quorum;

    /// <summary>replicas.call_timeout_ms / REPLICA_TIMEOUT_MS: deadline of one call to one storage replica.</summary>
    public TimeSpan ReplicaCallTimeout { get; init; } = TimeSpan.FromMilliseconds(2000);

    /// <summary>
    /// replicas.max_in_flight / REPLICA_MAX_IN_FLIGHT: reads (and, separately, writes) to one storage node sent alone
    /// before further ones queue and go out together as one batch call.
    /// </summary>
    public int ReplicaMaxInFlight { get; init; } = 1;

    /// <summary>replicas.max_batch / REPLICA_MAX_BATCH: calls one batch carries (a storage node accepts 512 by default).</summary>
    public int ReplicaMaxBatch { get; init; } = 128;

    /// <summary>
    /// replicas.max_batch_bytes / REPLICA_MAX_BATCH_BYTES: request bytes one batch carries, and answer bytes a read
    /// batch asks for (a single call always goes out, however large its value).
    /// </summary>
    public int ReplicaMaxBatchBytes { get; init; } = RequestLimits.DefaultMaxBatchBytes;

    /// <summary>replicas.max_queued / REPLICA_MAX_QUEUED: calls to one node that may wait for a batch before one is refused.</summary>
    public int ReplicaMaxQueued { get; init; } = 4096;

    /// <summary>actors.mailbox_capacity / MAILBOX_CAPACITY: writes of one key that may wait behind its round in flight.</summary>
    public int MailboxCapacity { get; init; } = 1024;

    /// <summary>
    /// requests.max_in_flight / MAX_IN_FLIGHT: key requests (reads, writes, deletes) this coordinator works on at once;
    /// one more is refused at once with RESOURCE_EXHAUSTED.
    /// </summary>
    public int MaxInFlight { get; init; } = 10_000;

    /// <summary>
    /// requests.hand_off_retry_ms / HAND_OFF_RETRY_MS: a write with a client idempotency key still unanswered after this
    /// is sent once more (a shard hand-off can drop it; the key's claim makes the second send safe).
    /// </summary>
    public TimeSpan HandOffRetryAfter { get; init; } = TimeSpan.FromMilliseconds(2_000);

    /// <summary>
    /// actors.passivate_after_ms / PASSIVATE_AFTER_MS: idle time after which a key actor stops. Akka.NET's sharding has
    /// no bound on live entities, only this: live key actors are about the distinct keys written in this window plus
    /// the busy ones, each about 3 KB, so it is short (5 s: 10,000 distinct keys a second keep about 75,000 alive,
    /// about 220 MB). A key written again after it pays a quorum read before its next write, unless its last stamp is
    /// still in the cache below.
    /// </summary>
    public TimeSpan PassivateAfter { get; init; } = TimeSpan.FromMilliseconds(5_000);

    /// <summary>
    /// actors.last_stamp_cache_entries / LAST_STAMP_CACHE_ENTRIES: last stamps of passivated key actors kept on this
    /// node, so a key written again after its actor stopped is written conditionally from that stamp instead of being
    /// read first; 0 keeps none. About 300 bytes each (docs/benchmarks.md, Coordinator memory).
    /// </summary>
    public int LastStampCacheEntries { get; init; } = 100_000;

    /// <summary>repair.mode / READ_REPAIR_MODE.</summary>
    public ReadRepairMode ReadRepairMode { get; init; } = ReadRepairMode.Async;

    /// <summary>repair.queue_capacity / REPAIR_QUEUE_CAPACITY: pending async repairs before new ones are dropped (and counted).</summary>
    public int RepairQueueCapacity { get; init; } = 10_000;

    /// <summary>
    /// reads.speculative_retry_ms / READ_SPECULATIVE_RETRY_MS: a read asks its first R replicas and one more each time
    /// this passes without a decision (Cassandra's speculative retry). 10 ms: a healthy replica read takes well under a
    /// millisecond on loopback or a LAN, and whole reads at saturation on two cores stayed under 10 ms at p99
    /// (docs/benchmarks.md), so load alone seldom speculates while a stalled or dying replica costs 10 ms, not
    /// replicas.call_timeout_ms.
    /// </summary>
    public TimeSpan ReadSpeculativeRetry { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// reads.full_read_chance / READ_FULL_READ_CHANCE: share of reads (0..1) that ask all N replicas at once, so read
    /// repair compares every replica; 0.1 as Cassandra's former read_repair_chance. 1 makes every read ask all N.
    /// </summary>
    public double FullReadChance { get; init; } = 0.1;

    /// <summary>ring.probe_interval_ms / PROBE_INTERVAL_MS: health probe period per storage node.</summary>
    public TimeSpan ProbeInterval { get; init; } = TimeSpan.FromMilliseconds(1000);

    /// <summary>
    /// Wait after a membership or factor change is recorded before its ranges stream: longer than the request
    /// deadline plus the ring reload interval (5 s), so every write that started under the old ring has landed.
    /// </summary>
    public TimeSpan MigrationSettleDelay { get; init; } = TimeSpan.FromMilliseconds(15000);

    /// <summary>How long former owners keep ranges after the ring switched, before they are purged.</summary>
    public TimeSpan MigrationCleanupGrace { get; init; } = TimeSpan.FromMilliseconds(60000);

    /// <summary>A migration that has not switched within this long fails and the previous ring stays.</summary>
    public TimeSpan MigrationTimeout { get; init; } = TimeSpan.FromMilliseconds(6 * 3600 * 1000);

    /// <summary>
    /// ring.reload_interval_ms / RING_RELOAD_INTERVAL_MS: period of the ring's safety-net reload of storage membership
    /// from the metadata store (changes made through a coordinator reach the others sooner).
    /// </summary>
    public TimeSpan RingReloadInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>ring.virtual_nodes / VIRTUAL_NODES: ring weight of the storage nodes registered at start (embedded and storage.nodes) and of a node added with virtual_nodes 0.</summary>
    public int VirtualNodes { get; init; } = DefaultVirtualNodes;

    /// <summary>ring.failure_threshold / FAILURE_THRESHOLD: consecutive failed probes before a node counts as down.</summary>
    public int FailureThreshold { get; init; } = 3;

    /// <summary>idempotency.retention_hours / IDEMPOTENCY_RETENTION_HOURS: how long a completed write is replayed.</summary>
    public TimeSpan IdempotencyRetention { get; init; } = TimeSpan.FromHours(24);

    /// <summary>
    /// idempotency.claim_margin_ms / IDEMPOTENCY_CLAIM_MARGIN_MS: how long past a write's deadline its idempotency
    /// claim is held. Until then a retry of the same key is answered "in progress"; after it, the claim counts as
    /// abandoned (its coordinator died) and a retry may apply the write.
    /// </summary>
    public TimeSpan IdempotencyClaimMargin { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>tenants.default_replication_factor / DEFAULT_REPLICATION_FACTOR: RF of the "default" tenant.</summary>
    public int DefaultReplicationFactor { get; init; } = 3;

    /// <summary>tenants.cache_ttl_ms / TENANT_CACHE_TTL_MS: how long a known tenant is served from the coordinator's cache.</summary>
    public TimeSpan TenantCacheTtl { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>tenants.cache_max_entries / TENANT_CACHE_MAX_ENTRIES: known tenants cached at once; the least recently used go first.</summary>
    public int TenantCacheMaxEntries { get; init; } = 10_000;

    /// <summary>tenants.cache_miss_ttl_ms / TENANT_CACHE_MISS_TTL_MS: how long "no such tenant" is served from the cache.</summary>
    public TimeSpan TenantCacheMissTtl { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// tenants.cache_max_misses / TENANT_CACHE_MAX_MISSES: unknown tenant ids cached at once, bounded apart from the
    /// known ones so that clients sending random ids can neither grow memory nor push real tenants out.
    /// </summary>
    public int TenantCacheMaxMisses { get; init; } = 1000;

    /// <summary>clock.max_entries / CLOCK_MAX_ENTRIES: vector clock entries kept before the oldest are pruned.</summary>
    public int ClockMaxEntries { get; init; } = 10;

    /// <summary>database.host / DATABASE_HOST: PostgreSQL server of the metadata; empty = embedded SQLite in data_dir.</summary>
    public string DatabaseHost { get; init; } = string.Empty;

    /// <summary>database.port / DATABASE_PORT.</summary>
    public int DatabasePort { get; init; } = 5432;

    /// <summary>database.name / DATABASE_NAME.</summary>
    public string DatabaseName { get; init; } = "pairdb";

    /// <summary>database.user / DATABASE_USER.</summary>
    public string DatabaseUser { get; init; } = "pairdb";

    /// <summary>database.password / DATABASE_PASSWORD.</summary>
    public string DatabasePassword { get; init; } = string.Empty;

    /// <summary>database.max_pool_size / DATABASE_MAX_POOL_SIZE: most PostgreSQL connections Npgsql's pool opens.</summary>
    public int DatabaseMaxPoolSize { get; init; } = 100;

    /// <summary>database.min_pool_size / DATABASE_MIN_POOL_SIZE: connections the pool keeps open when idle.</summary>
    public int DatabaseMinPoolSize { get; init; }

    /// <summary>database.connection_lifetime_ms / DATABASE_CONNECTION_LIFETIME_MS: a pooled connection older than this is closed when returned.</summary>
    public TimeSpan DatabaseConnectionLifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>redis.host / REDIS_HOST: Redis server of the idempotency records; empty = embedded store in data_dir.</summary>
    public string RedisHost { get; init; } = string.Empty;

    /// <summary>redis.port / REDIS_PORT.</summary>
    public int RedisPort { get; init; } = 6379;

    /// <summary>redis.password / REDIS_PASSWORD.</summary>
    public string RedisPassword { get; init; } = string.Empty;

    /// <summary>redis.database / REDIS_DATABASE: Redis logical database number of the records.</summary>
    public int RedisDatabase { get; init; }

    /// <summary>
    /// redis.key_prefix / REDIS_KEY_PREFIX: what every idempotency record's key starts with, so clusters (or test runs)
    /// that share one Redis database keep apart; every coordinator of one cluster must use the same prefix.
    /// </summary>
    public string RedisKeyPrefix { get; init; } = Stores.Redis.RedisIdempotencyStore.DefaultKeyPrefix;

    /// <summary>redis.connect_timeout_ms / REDIS_CONNECT_TIMEOUT_MS: time one connection attempt may take.</summary>
    public TimeSpan RedisConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>redis.sync_timeout_ms / REDIS_SYNC_TIMEOUT_MS: time a synchronous Redis command may take.</summary>
    public TimeSpan RedisSyncTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// redis.async_timeout_ms / REDIS_ASYNC_TIMEOUT_MS: time an asynchronous Redis command may take, including the
    /// time it waits in the backlog while the connection is re-established.
    /// </summary>
    public TimeSpan RedisAsyncTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>redis.connect_retries / REDIS_CONNECT_RETRIES: connect attempts of the first connect cycle.</summary>
    public int RedisConnectRetries { get; init; } = 3;

    /// <summary>redis.reconnect_max_backoff_ms / REDIS_RECONNECT_MAX_BACKOFF_MS: longest wait between reconnect attempts (exponential backoff from 500 ms).</summary>
    public TimeSpan RedisReconnectMaxBackoff { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>log.level / LOG_LEVEL: minimum level logged.</summary>
    public LogLevel LogLevel { get; init; } = LogLevel.Information;

    /// <summary>log.format / LOG_FORMAT: json (one JSON object per line) or text (one readable line per entry).</summary>
    public LogFormat LogFormat { get; init; } = LogFormat.Json;

    /// <summary>Warnings from loading: settings of the PairDB seed layout accepted but without effect here, each naming its key.</summary>
    public IReadOnlyList<string> ConfigurationWarnings { get; init; } = [];

    /// <summary>Deadline of a read that sends no grpc-timeout.</summary>
    public TimeSpan EffectiveReadTimeout => ReadTimeout ?? RequestTimeout;

    /// <summary>Deadline of a write or delete that sends no grpc-timeout.</summary>
    public TimeSpan EffectiveWriteTimeout => WriteTimeout ?? RequestTimeout;

    /// <summary>The YAML file the settings were read from, or null when none was.</summary>
    public string? ConfigFile { get; init; }

    /// <summary>Checks the rules that span several settings; throws <see cref="CoordinatorConfigurationException"/> for the first broken one.</summary>
    public void Validate()
    {
        if (!SettingValueParsers.IsValidNodeId(NodeId))
        {
            throw new CoordinatorConfigurationException(
                "coordinator.node_id", NodeId, $"Invalid setting coordinator.node_id (COORDINATOR_NODE_ID): {SettingValueParsers.NodeIdRequirement}, got '{NodeId}'.");
        }

        RequireDistinct("health.port", "HEALTH_PORT", HealthPort, ServerPort, "server.port");
        if (MetricsEnabled)
        {
            RequireDistinct("metrics.port", "METRICS_PORT", MetricsPort, ServerPort, "server.port");
            RequireDistinct("metrics.port", "METRICS_PORT", MetricsPort, HealthPort, "health.port");
        }

        ValidateCluster();
        ValidateSecurity();
        ValidateTls();
        ValidateRateLimits();
        ValidateConvergence();

        if (DatabaseMinPoolSize > DatabaseMaxPoolSize)
        {
            throw new CoordinatorConfigurationException(
                "database.min_pool_size",
                DatabaseMinPoolSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"Invalid setting database.min_pool_size (DATABASE_MIN_POOL_SIZE): must not exceed database.max_pool_size ({DatabaseMaxPoolSize}), got '{DatabaseMinPoolSize}'.");
        }

        if (MaxBatchKeys > MaxInFlight)
        {
            throw new CoordinatorConfigurationException(
                "limits.max_batch_keys",
                MaxBatchKeys.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"Invalid setting limits.max_batch_keys (MAX_BATCH_KEYS): must not exceed requests.max_in_flight ({MaxInFlight}), since a batch holds one slot of it per key, got '{MaxBatchKeys}'.");
        }

        if (!RequestLimits.MessageLimitsFit(MaxValueBytes, ReplicaMaxBatchBytes))
        {
            throw new CoordinatorConfigurationException(
                "limits.max_value_bytes",
                MaxValueBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"Invalid setting limits.max_value_bytes (MAX_VALUE_BYTES): with replicas.max_batch_bytes ({ReplicaMaxBatchBytes}) the message limit derived from it exceeds 2 GiB, got '{MaxValueBytes}'.");
        }
    }

    private static void RequireDistinct(string key, string environmentName, int port, int otherPort, string otherKey)
    {
        if (port != 0 && port == otherPort)
        {
            throw new CoordinatorConfigurationException(
                key, port.ToString(), $"Invalid setting {key} ({environmentName}): must differ from {otherKey}, got '{port}' for both.");
        }
    }
}
