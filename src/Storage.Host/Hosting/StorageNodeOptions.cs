using PairDb.Messages.Validation;
using PairDb.Storage.Engine;

namespace PairDb.Storage.Hosting;

/// <summary>
/// Everything one storage node needs: identity, listeners, data folder, limits and engine tuning. Built from the
/// config file and environment by <see cref="StorageNodeOptionsLoader"/>, or in code by an embedding host.
/// </summary>
public sealed record StorageNodeOptions
{
    public const int MiB = 1024 * 1024;

    public string NodeId { get; init; } = "storage-1";

    /// <summary>What the loader accepted but warns about (settings this version no longer uses), logged at start.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Address both listeners bind to (loopback unless told otherwise).</summary>
    public string BindAddress { get; init; } = "127.0.0.1";

    /// <summary>gRPC port (HTTP/2 cleartext); 0 picks a free port.</summary>
    public int ServerPort { get; init; } = 50061;

    /// <summary>Plain HTTP/1.1 port for /health/live and /health/ready; 0 picks a free port, null disables it.</summary>
    public int? HealthPort { get; init; } = 8081;

    /// <summary>
    /// Plain HTTP/1.1 port of the Prometheus /metrics endpoint; 0 picks a free port, null disables it. Null by
    /// default in code, where an embedding host exports its nodes' metrics itself; the standalone process defaults to
    /// <see cref="StorageNodeOptionsLoader.DefaultMetricsPort"/>.
    /// </summary>
    public int? MetricsPort { get; init; }

    /// <summary>Minimum level of the node's JSON console log (unless the embedding host brings its own logging).</summary>
    public LogLevel LogLevel { get; init; } = LogLevel.Information;

    /// <summary>Data folder; null means ./data/&lt;node id&gt;.</summary>
    public string? DataDir { get; init; }

    public DurabilityMode Durability { get; init; } = DurabilityMode.Fsync;

    public int MaxValueBytes { get; init; } = RequestLimits.DefaultMaxValueBytes;

    public int MaxSiblings { get; init; } = 100;

    /// <summary>Most entries a version's vector clock may carry.</summary>
    public int MaxClockEntries { get; init; } = 64;

    /// <summary>Most writes in one WriteBatch or reads in one ReadBatch call; a larger batch is refused whole.</summary>
    public int MaxBatchItems { get; init; } = 512;

    /// <summary>Most arcs a DigestRange call may ask for (by default the most a coordinator asks for).</summary>
    public int MaxDigestLeaves { get; init; } = RequestLimits.MaxDigestLeaves;

    /// <summary>Most tenant ids a DigestRange or CollectTombstones call may list (by default the most a coordinator lists).</summary>
    public int MaxRangeTenants { get; init; } = RequestLimits.MaxTenantsPerRangeCall;

    /// <summary>Most writes per group commit; null takes the durability mode's default (32 for os, 256 for fsync).</summary>
    public int? WriteBatchSize { get; init; }

    public int WriteQueueCapacity { get; init; } = 8192;

    /// <summary>Most value bytes waiting in the write queue.</summary>
    public long WriteQueueBytes { get; init; } = 64L * MiB;

    /// <summary>SQLite page cache per connection, KiB.</summary>
    public int PageCacheKiB { get; init; } = 8 * 1024;

    /// <summary>WAL pages after which a commit also checkpoints them into the database file (SQLite's wal_autocheckpoint).</summary>
    public int WalCheckpointPages { get; init; } = StorageEngineOptions.DefaultWalCheckpointPages;

    /// <summary>SQLite page size of a new database, bytes (an existing database keeps its own).</summary>
    public int PageSize { get; init; } = StorageEngineOptions.DefaultPageSizeBytes;

    public int ReadConnections { get; init; } = 4;

    /// <summary>Keys per ScanRange batch when the request says 0.</summary>
    public int ScanBatchSize { get; init; } = 256;

    /// <summary>Upper bound on a requested batch size (larger requests are clamped to it).</summary>
    public int MaxScanBatchSize { get; init; } = 4096;

    /// <summary>Stored bytes after which a scan batch is cut short.</summary>
    public int ScanBatchBytes { get; init; } = 4 * MiB;

    /// <summary>
    /// Most request bytes of one WriteBatch or ReadBatch call (and answer bytes of a ReadBatch that asks for no smaller
    /// bound); match the coordinators' replicas.max_batch_bytes.
    /// </summary>
    public int MaxBatchBytes { get; init; } = RequestLimits.DefaultMaxBatchBytes;

    /// <summary>Largest gRPC message received or sent, derived from <see cref="MaxValueBytes"/> and <see cref="MaxBatchBytes"/>.</summary>
    public int MaxMessageBytes => RequestLimits.MaxMessageBytes(MaxValueBytes, MaxBatchBytes);

    /// <summary>Below this much free disk space the node reports itself unhealthy.</summary>
    public long MinFreeDiskBytes { get; init; } = 64L * MiB;

    /// <summary>
    /// Longest deadline a call may have: a longer grpc-timeout is clamped to it (<see cref="GrpcTimeoutClamp"/>); at most
    /// <see cref="GrpcTimeoutClamp.Largest"/>.
    /// </summary>
    public TimeSpan MaxDeadline { get; init; } = TimeSpan.FromHours(1);

    /// <summary>After SIGTERM (or Dispose), how long calls already running may take to finish; new calls are refused at once.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Whether SIGTERM/SIGINT stop the node (a standalone process). False for nodes embedded in another process,
    /// which stops them itself once its own calls have drained. Not a config file setting.
    /// </summary>
    public bool HandleStopSignals { get; init; } = true;

    /// <summary>
    /// PEM certificate of the gRPC listener; with <see cref="TlsKeyFile"/> and <see cref="TlsClientCaFile"/> the node serves
    /// mutual TLS. Null (with the other two): plaintext HTTP/2. Re-read when the file changes.
    /// </summary>
    public string? TlsCertFile { get; init; }

    /// <summary>PEM private key of <see cref="TlsCertFile"/>.</summary>
    public string? TlsKeyFile { get; init; }

    /// <summary>PEM file of the cluster CA: only clients (coordinators) with a certificate chained to it are served.</summary>
    public string? TlsClientCaFile { get; init; }

    /// <summary>How long a TLS handshake with the gRPC listener may take before the connection is closed (1 ms to 10 min).</summary>
    public TimeSpan TlsHandshakeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>True when the gRPC listener serves mutual TLS.</summary>
    public bool ServesTls => TlsCertFile is not null;

    /// <summary>The data folder actually used.</summary>
    public string DataDirectory => DataDir ?? Path.Combine("data", NodeId);

    /// <summary>The engine's part of these options.</summary>
    public StorageEngineOptions ToEngineOptions() => new()
    {
        NodeId = NodeId,
        DataDirectory = DataDirectory,
        Durability = Durability,
        MaxSiblings = MaxSiblings,
        MaxBatchSize = WriteBatchSize,
        WriteQueueCapacity = WriteQueueCapacity,
        MaxQueuedBytes = WriteQueueBytes,
        PageCacheKiB = PageCacheKiB,
        WalCheckpointPages = WalCheckpointPages,
        PageSizeBytes = PageSize,
        ReadConnections = ReadConnections,
        MaxScanBatchBytes = ScanBatchBytes,
    };

    /// <summary>Checks every setting; throws <see cref="StorageConfigurationException"/> naming the first bad one.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(NodeId))
        {
            throw new StorageConfigurationException("NODE_ID must not be empty.");
        }

        if (!System.Net.IPAddress.TryParse(BindAddress, out _))
        {
            throw new StorageConfigurationException($"BIND_ADDRESS '{BindAddress}' is not an IP address.");
        }

        RequirePort(ServerPort, "SERVER_PORT");
        if (HealthPort is { } health)
        {
            RequirePort(health, "HEALTH_PORT");
            if (health != 0 && health == ServerPort)
            {
                throw new StorageConfigurationException($"HEALTH_PORT and SERVER_PORT must differ (both {health}).");
            }
        }

        if (MetricsPort is { } metrics)
        {
            RequirePort(metrics, "METRICS_PORT");
            if (metrics != 0 && (metrics == ServerPort || metrics == HealthPort))
            {
                throw new StorageConfigurationException($"METRICS_PORT must differ from SERVER_PORT and HEALTH_PORT (was {metrics}).");
            }
        }

        RequirePositive(MaxValueBytes, "MAX_VALUE_BYTES");
        RequirePositive(MaxBatchBytes, "MAX_BATCH_BYTES");
        if (!RequestLimits.MessageLimitsFit(MaxValueBytes, MaxBatchBytes))
        {
            throw new StorageConfigurationException(
                $"MAX_VALUE_BYTES ({MaxValueBytes}) and MAX_BATCH_BYTES ({MaxBatchBytes}) are too large: the message limit derived from them exceeds 2 GiB.");
        }

        RequirePositive(MaxClockEntries, "MAX_CLOCK_ENTRIES");
        RequirePositive(MaxBatchItems, "MAX_BATCH_ITEMS");
        if (MaxDigestLeaves < 1 || MaxDigestLeaves > RequestLimits.MaxDigestLeaves)
        {
            throw new StorageConfigurationException($"MAX_DIGEST_LEAVES must be from 1 to {RequestLimits.MaxDigestLeaves} (was {MaxDigestLeaves}).");
        }
        RequirePositive(MaxRangeTenants, "MAX_RANGE_TENANTS");
        if (WriteBatchSize is { } writeBatch)
        {
            RequirePositive(writeBatch, "WRITE_BATCH_SIZE");
        }

        RequirePositive(ScanBatchSize, "SCAN_BATCH_SIZE");
        RequirePositive(MaxScanBatchSize, "MAX_SCAN_BATCH_SIZE");
        RequirePositive(MinFreeDiskBytes, "MIN_FREE_DISK_BYTES");
        RequirePositive(WalCheckpointPages, "WAL_CHECKPOINT_PAGES");
        if (!StorageEngineOptions.IsValidPageSize(PageSize))
        {
            throw new StorageConfigurationException($"PAGE_SIZE must be a power of two from 512 to 65536 (was {PageSize}).");
        }


        if (ShutdownTimeout <= TimeSpan.Zero)
        {
            throw new StorageConfigurationException("SHUTDOWN_TIMEOUT must be positive.");
        }

        if (MaxDeadline < TimeSpan.FromMilliseconds(1) || MaxDeadline > GrpcTimeoutClamp.Largest)
        {
            throw new StorageConfigurationException($"MAX_DEADLINE must be from 1ms to {GrpcTimeoutClamp.Largest.TotalDays:0}d (was {MaxDeadline}).");
        }

        if (TlsHandshakeTimeout < TimeSpan.FromMilliseconds(1) || TlsHandshakeTimeout > TimeSpan.FromMinutes(10))
        {
            throw new StorageConfigurationException($"TLS_HANDSHAKE_TIMEOUT must be from 1ms to 10m (was {TlsHandshakeTimeout}).");
        }

        if ((TlsCertFile is null) != (TlsKeyFile is null) || (TlsCertFile is null) != (TlsClientCaFile is null))
        {
            throw new StorageConfigurationException(
                "TLS_CERT_FILE, TLS_KEY_FILE and TLS_CLIENT_CA_FILE go together (mutual TLS with the coordinators): set all three or none.");
        }

        try
        {
            ToEngineOptions().Validate();
        }
        catch (ArgumentException ex)
        {
            throw new StorageConfigurationException(ex.Message, ex);
        }
    }

    private static void RequirePort(int port, string name)
    {
        if (port is < 0 or > 65535)
        {
            throw new StorageConfigurationException($"{name} must be a port number 0..65535 (was {port}).");
        }
    }

    private static void RequirePositive(long value, string name)
    {
        if (value <= 0)
        {
            throw new StorageConfigurationException($"{name} must be positive (was {value}).");
        }
    }
}
