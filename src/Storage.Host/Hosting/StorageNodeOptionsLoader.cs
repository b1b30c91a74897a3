using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace PairDb.Storage.Hosting;

/// <summary>
/// Builds <see cref="StorageNodeOptions"/> from defaults, then the YAML file named by CONFIG_PATH (flat camelCase
/// keys), then environment variables (UPPER_SNAKE names), each overriding the previous. See docs/storage.md.
/// </summary>
public static class StorageNodeOptionsLoader
{
    /// <summary>Environment variable naming the YAML config file.</summary>
    public const string ConfigPathVariable = "CONFIG_PATH";

    /// <summary>The standalone process's /metrics port when METRICS_PORT is not set (the coordinator's default + 1).</summary>
    public const int DefaultMetricsPort = 9091;

    private static readonly Setting[] Settings =
    [
        new("nodeId", "NODE_ID", (o, n, v) => o with { NodeId = v.Trim() }),
        new("bindAddress", "BIND_ADDRESS", (o, n, v) => o with { BindAddress = v.Trim() }),
        new("serverPort", "SERVER_PORT", (o, n, v) => o with { ServerPort = SettingParsers.Int(n, v) }),
        new("healthPort", "HEALTH_PORT", (o, n, v) => o with { HealthPort = SettingParsers.OptionalPort(n, v) }),
        new("metricsPort", "METRICS_PORT", (o, n, v) => o with { MetricsPort = SettingParsers.OptionalPort(n, v) }),
        new("logLevel", "LOG_LEVEL", (o, n, v) => o with { LogLevel = SettingParsers.Level(n, v) }),
        new("dataDir", "DATA_DIR", (o, n, v) => o with { DataDir = v.Trim() }),
        new("durability", "DURABILITY", (o, n, v) => o with { Durability = SettingParsers.Durability(n, v) }),
        new("maxValueBytes", "MAX_VALUE_BYTES", (o, n, v) => o with { MaxValueBytes = SettingParsers.IntSize(n, v) }),
        new("maxSiblings", "MAX_SIBLINGS", (o, n, v) => o with { MaxSiblings = SettingParsers.Int(n, v) }),
        new("maxClockEntries", "MAX_CLOCK_ENTRIES", (o, n, v) => o with { MaxClockEntries = SettingParsers.Int(n, v) }),
        new("maxBatchItems", "MAX_BATCH_ITEMS", (o, n, v) => o with { MaxBatchItems = SettingParsers.Int(n, v) }),
        new("maxDigestLeaves", "MAX_DIGEST_LEAVES", (o, n, v) => o with { MaxDigestLeaves = SettingParsers.Int(n, v) }),
        new("maxRangeTenants", "MAX_RANGE_TENANTS", (o, n, v) => o with { MaxRangeTenants = SettingParsers.Int(n, v) }),
        new("writeBatchSize", "WRITE_BATCH_SIZE", (o, n, v) => o with { WriteBatchSize = SettingParsers.Int(n, v) }),
        new("writeQueueCapacity", "WRITE_QUEUE_CAPACITY", (o, n, v) => o with { WriteQueueCapacity = SettingParsers.Int(n, v) }),
        new("writeQueueBytes", "WRITE_QUEUE_BYTES", (o, n, v) => o with { WriteQueueBytes = SettingParsers.Size(n, v) }),
        new("pageCacheKiB", "PAGE_CACHE_KIB", (o, n, v) => o with { PageCacheKiB = SettingParsers.Int(n, v) }),
        new("walCheckpointPages", "WAL_CHECKPOINT_PAGES", (o, n, v) => o with { WalCheckpointPages = SettingParsers.Int(n, v) }),
        new("pageSize", "PAGE_SIZE", (o, n, v) => o with { PageSize = SettingParsers.Int(n, v) }),
        new("readConnections", "READ_CONNECTIONS", (o, n, v) => o with { ReadConnections = SettingParsers.Int(n, v) }),
        new("scanBatchSize", "SCAN_BATCH_SIZE", (o, n, v) => o with { ScanBatchSize = SettingParsers.Int(n, v) }),
        new("maxScanBatchSize", "MAX_SCAN_BATCH_SIZE", (o, n, v) => o with { MaxScanBatchSize = SettingParsers.Int(n, v) }),
        new("scanBatchBytes", "SCAN_BATCH_BYTES", (o, n, v) => o with { ScanBatchBytes = SettingParsers.IntSize(n, v) }),
        new("maxBatchBytes", "MAX_BATCH_BYTES", (o, n, v) => o with { MaxBatchBytes = SettingParsers.IntSize(n, v) }),
        new("minFreeDiskBytes", "MIN_FREE_DISK_BYTES", (o, n, v) => o with { MinFreeDiskBytes = SettingParsers.Size(n, v) }),
        new("shutdownTimeout", "SHUTDOWN_TIMEOUT", (o, n, v) => o with { ShutdownTimeout = SettingParsers.Duration(n, v) }),
        new("maxDeadline", "MAX_DEADLINE", (o, n, v) => o with { MaxDeadline = SettingParsers.Duration(n, v) }),
        new("tlsCertFile", "TLS_CERT_FILE", (o, n, v) => o with { TlsCertFile = v.Trim() }),
        new("tlsKeyFile", "TLS_KEY_FILE", (o, n, v) => o with { TlsKeyFile = v.Trim() }),
        new("tlsClientCaFile", "TLS_CLIENT_CA_FILE", (o, n, v) => o with { TlsClientCaFile = v.Trim() }),
        new("tlsHandshakeTimeout", "TLS_HANDSHAKE_TIMEOUT", (o, n, v) => o with { TlsHandshakeTimeout = SettingParsers.Duration(n, v) }),
    ];

    /// <summary>
    /// Settings earlier versions had and this one no longer uses: accepted (so an existing config file or environment
    /// still starts the node) with a warning naming each, kept in <see cref="StorageNodeOptions.Warnings"/>.
    /// </summary>
    private static readonly (string YamlKey, string EnvironmentName, string Why)[] Retired =
    [
        ("tombstoneGrace", "TOMBSTONE_GRACE",
            "a storage node no longer collects tombstones on its own clock; the coordinators' anti-entropy tells it when (storage.tombstone_grace on the coordinators)"),
        ("tombstoneSweepInterval", "TOMBSTONE_SWEEP_INTERVAL",
            "a storage node no longer sweeps tombstones on a timer; the coordinators' anti-entropy passes (anti_entropy.*) drive collection"),
    ];

    private delegate StorageNodeOptions Apply(StorageNodeOptions options, string name, string value);

    /// <summary>The YAML key and environment variable of every setting, in table order (docs/storage.md must list exactly these).</summary>
    internal static IReadOnlyList<(string YamlKey, string EnvironmentName)> SettingNames =>
        Array.ConvertAll(Settings, static s => (s.YamlKey, s.EnvironmentName));

    /// <summary>Loads options from the process environment (and the file it names).</summary>
    public static StorageNodeOptions FromEnvironment() =>
        Load(name => Environment.GetEnvironmentVariable(name));

    /// <summary>Loads options using <paramref name="environment"/> to look variables up (null when unset).</summary>
    public static StorageNodeOptions Load(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var options = new StorageNodeOptions { MetricsPort = DefaultMetricsPort };
        var configPath = environment(ConfigPathVariable);
        if (!string.IsNullOrWhiteSpace(configPath))
        {
            options = ApplyFile(options, configPath);
        }

        foreach (var setting in Settings)
        {
            var value = environment(setting.EnvironmentName);
            if (!string.IsNullOrEmpty(value))
            {
                options = setting.Apply(options, setting.EnvironmentName, value);
            }
        }

        foreach (var (_, name, why) in Retired)
        {
            if (!string.IsNullOrEmpty(environment(name)))
            {
                options = options with { Warnings = [.. options.Warnings, $"{name} is no longer used and is ignored: {why}."] };
            }
        }

        options.Validate();
        return options;
    }

    /// <summary>Applies a YAML document's settings over <paramref name="options"/>.</summary>
    public static StorageNodeOptions ApplyYaml(StorageNodeOptions options, string yaml, string source)
    {
        ArgumentNullException.ThrowIfNull(options);
        Dictionary<string, string?>? values;
        try
        {
            values = new DeserializerBuilder().Build().Deserialize<Dictionary<string, string?>>(yaml);
        }
        catch (YamlException ex)
        {
            throw new StorageConfigurationException(
                $"{source}: not a flat YAML mapping of settings (line {ex.Start.Line}): {ex.Message}", ex);
        }

        if (values is null)
        {
            return options;
        }

        foreach (var (key, value) in values)
        {
            if (Array.Find(Retired, r => string.Equals(r.YamlKey, key, StringComparison.Ordinal)) is { YamlKey: not null } retired)
            {
                options = options with { Warnings = [.. options.Warnings, $"{source}: {key} is no longer used and is ignored: {retired.Why}."] };
                continue;
            }

            var setting = Find(key)
                ?? throw new StorageConfigurationException($"{source}: unknown setting '{key}'. Known: {KnownKeys()}.");
            if (!string.IsNullOrEmpty(value))
            {
                options = setting.Apply(options, $"{source}: {key}", value);
            }
        }

        return options;
    }

    private static StorageNodeOptions ApplyFile(StorageNodeOptions options, string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (IOException ex)
        {
            throw new StorageConfigurationException($"Cannot read the config file '{path}' (from {ConfigPathVariable}): {ex.Message}", ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new StorageConfigurationException($"Cannot read the config file '{path}' (from {ConfigPathVariable}): {ex.Message}", ex);
        }

        return ApplyYaml(options, text, path);
    }

    private static Setting? Find(string key)
    {
        foreach (var setting in Settings)
        {
            if (string.Equals(setting.YamlKey, key, StringComparison.Ordinal))
            {
                return setting;
            }
        }

        return null;
    }

    private static string KnownKeys() => string.Join(", ", Array.ConvertAll(Settings, static s => s.YamlKey));

    private sealed record Setting(string YamlKey, string EnvironmentName, Apply Apply);
}
