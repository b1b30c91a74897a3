using FluentAssertions;
using PairDb.Storage.Hosting;
using PairDb.Storage.Tests.Support;

namespace PairDb.Storage.Tests.Hosting;

public sealed class StorageNodeOptionsLoaderTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Load_NoConfiguration_UsesDocumentedDefaults()
    {
        var options = StorageNodeOptionsLoader.Load(_ => null);

        options.NodeId.Should().Be("storage-1");
        options.BindAddress.Should().Be("127.0.0.1");
        options.ServerPort.Should().Be(50061);
        options.HealthPort.Should().Be(8081);
        options.DataDirectory.Should().Be(Path.Combine("data", "storage-1"));
        options.Durability.Should().Be(DurabilityMode.Fsync);
        options.MaxValueBytes.Should().Be(1024 * 1024);
        options.MaxSiblings.Should().Be(100);
        options.MaxDigestLeaves.Should().Be(4096);
        options.MaxRangeTenants.Should().Be(1000);
        options.WalCheckpointPages.Should().Be(10_000);
        options.PageSize.Should().Be(1024);
    }

    [Fact]
    public void Load_EnvironmentVariables_OverrideDefaults()
    {
        var environment = new Dictionary<string, string>
        {
            ["NODE_ID"] = "storage-7",
            ["SERVER_PORT"] = "50070",
            ["HEALTH_PORT"] = "off",
            ["DURABILITY"] = "os",
            ["MAX_DIGEST_LEAVES"] = "64",
            ["MAX_VALUE_BYTES"] = "2MiB",
            ["WRITE_QUEUE_BYTES"] = "128M",
            ["WAL_CHECKPOINT_PAGES"] = "2500",
            ["PAGE_SIZE"] = "4096",
        };

        var options = StorageNodeOptionsLoader.Load(name => environment.GetValueOrDefault(name));

        options.NodeId.Should().Be("storage-7");
        options.ServerPort.Should().Be(50070);
        options.HealthPort.Should().BeNull();
        options.DataDirectory.Should().Be(Path.Combine("data", "storage-7"));
        options.Durability.Should().Be(DurabilityMode.Os);
        options.MaxDigestLeaves.Should().Be(64);
        options.MaxValueBytes.Should().Be(2 * 1024 * 1024);
        options.WriteQueueBytes.Should().Be(128L * 1024 * 1024);
        options.ToEngineOptions().WalCheckpointPages.Should().Be(2500);
        options.ToEngineOptions().PageSizeBytes.Should().Be(4096);
    }

    [Fact]
    public void Load_ConfigFileThenEnvironment_EnvironmentWins()
    {
        var file = Path.Combine(_directory.Path, "storage.yaml");
        File.WriteAllText(file, """
            nodeId: storage-file
            serverPort: 50099
            dataDir: /var/lib/pairdb/file
            durability: os
            maxRangeTenants: 16
            writeBatchSize: 512
            """);
        var environment = new Dictionary<string, string> { ["CONFIG_PATH"] = file, ["SERVER_PORT"] = "50100" };

        var options = StorageNodeOptionsLoader.Load(name => environment.GetValueOrDefault(name));

        options.NodeId.Should().Be("storage-file");
        options.ServerPort.Should().Be(50100);
        options.DataDirectory.Should().Be("/var/lib/pairdb/file");
        options.Durability.Should().Be(DurabilityMode.Os);
        options.MaxRangeTenants.Should().Be(16);
        options.ToEngineOptions().BatchSizeLimit.Should().Be(512);
    }

    [Fact]
    public void ApplyYaml_RetiredTombstoneSettings_AcceptedIgnoredAndNamedInWarnings()
    {
        var options = StorageNodeOptionsLoader.ApplyYaml(
            new StorageNodeOptions(), "nodeId: storage-3\ntombstoneGrace: 6h\ntombstoneSweepInterval: 10m\n", "storage.yaml");

        options.NodeId.Should().Be("storage-3");
        options.Warnings.Should().HaveCount(2);
        options.Warnings[0].Should().StartWith("storage.yaml: tombstoneGrace is no longer used and is ignored");
        options.Warnings[1].Should().StartWith("storage.yaml: tombstoneSweepInterval is no longer used and is ignored");
    }

    [Fact]
    public void Load_RetiredTombstoneVariable_NamedInWarnings()
    {
        var options = StorageNodeOptionsLoader.Load(name => name == "TOMBSTONE_GRACE" ? "6h" : null);

        options.Warnings.Should().ContainSingle().Which.Should().Contain("TOMBSTONE_GRACE is no longer used").And.Contain("storage.tombstone_grace");
    }

    [Fact]
    public void Load_NoRetiredSettings_NoWarnings() =>
        StorageNodeOptionsLoader.Load(_ => null).Warnings.Should().BeEmpty();

    [Fact]
    public void ApplyYaml_UnknownKey_NamesItAndTheKnownOnes()
    {
        var act = () => StorageNodeOptionsLoader.ApplyYaml(new StorageNodeOptions(), "nodeid: x", "config.yaml");

        act.Should().Throw<StorageConfigurationException>().WithMessage("config.yaml: unknown setting 'nodeid'. Known: nodeId,*");
    }

    [Fact]
    public void Load_AllThreeTlsVariables_ServesTls()
    {
        var environment = new Dictionary<string, string>
        {
            ["TLS_CERT_FILE"] = "/tls/tls.crt",
            ["TLS_KEY_FILE"] = "/tls/tls.key",
            ["TLS_CLIENT_CA_FILE"] = "/tls/ca.crt",
            ["TLS_HANDSHAKE_TIMEOUT"] = "3s",
        };

        var options = StorageNodeOptionsLoader.Load(name => environment.GetValueOrDefault(name));

        options.ServesTls.Should().BeTrue();
        (options.TlsCertFile, options.TlsKeyFile, options.TlsClientCaFile).Should().Be(("/tls/tls.crt", "/tls/tls.key", "/tls/ca.crt"));
        options.TlsHandshakeTimeout.Should().Be(TimeSpan.FromSeconds(3));
    }

    [Theory]
    [InlineData("TLS_CERT_FILE")]
    [InlineData("TLS_KEY_FILE")]
    [InlineData("TLS_CLIENT_CA_FILE")]
    public void Load_OneTlsVariableAlone_RefusedAsMutualTlsNeedsAllThree(string variable)
    {
        var act = () => StorageNodeOptionsLoader.Load(name => name == variable ? "/tls/file.pem" : null);

        act.Should().Throw<StorageConfigurationException>().WithMessage("*TLS_CERT_FILE, TLS_KEY_FILE and TLS_CLIENT_CA_FILE go together*");
    }

    [Fact]
    public void ApplyYaml_NestedMapping_Refused()
    {
        var act = () => StorageNodeOptionsLoader.ApplyYaml(new StorageNodeOptions(), "storage:\n  nodeId: x\n", "config.yaml");

        act.Should().Throw<StorageConfigurationException>().WithMessage("config.yaml: not a flat YAML mapping*");
    }

    [Theory]
    [InlineData("SERVER_PORT", "http", "SERVER_PORT must be an integer")]
    [InlineData("SERVER_PORT", "70000", "SERVER_PORT must be a port number")]
    [InlineData("DURABILITY", "sometimes", "DURABILITY must be 'fsync' or 'os'")]
    [InlineData("SHUTDOWN_TIMEOUT", "soon", "SHUTDOWN_TIMEOUT must be a duration")]
    [InlineData("MAX_DIGEST_LEAVES", "0", "MAX_DIGEST_LEAVES must be from 1 to 4096 (was 0)*")]
    [InlineData("MAX_DIGEST_LEAVES", "4097", "MAX_DIGEST_LEAVES must be from 1 to 4096 (was 4097)*")]
    [InlineData("MAX_RANGE_TENANTS", "0", "MAX_RANGE_TENANTS must be positive")]
    [InlineData("MAX_SIBLINGS", "0", "MaxSiblings must be positive")]
    [InlineData("WAL_CHECKPOINT_PAGES", "0", "WAL_CHECKPOINT_PAGES must be positive")]
    [InlineData("PAGE_SIZE", "3000", "PAGE_SIZE must be a power of two from 512 to 65536 (was 3000)")]
    [InlineData("PAGE_SIZE", "256", "PAGE_SIZE must be a power of two from 512 to 65536 (was 256)")]
    [InlineData("BIND_ADDRESS", "localhost", "BIND_ADDRESS 'localhost' is not an IP address")]
    [InlineData("MAX_BATCH_BYTES", "0", "MAX_BATCH_BYTES must be positive")]
    [InlineData("TLS_HANDSHAKE_TIMEOUT", "11m", "TLS_HANDSHAKE_TIMEOUT must be from 1ms to 10m (was 00:11:00)")]
    [InlineData("MAX_VALUE_BYTES", "1GiB", "the message limit derived from them exceeds 2 GiB")]
    public void Load_BadValue_ThrowsNamingTheSetting(string name, string value, string message)
    {
        var act = () => StorageNodeOptionsLoader.Load(n => n == name ? value : null);

        act.Should().Throw<StorageConfigurationException>().WithMessage("*" + message + "*");
    }

    [Fact]
    public void Load_MissingConfigFile_ThrowsNamingThePath()
    {
        var missing = Path.Combine(_directory.Path, "absent.yaml");

        var act = () => StorageNodeOptionsLoader.Load(n => n == "CONFIG_PATH" ? missing : null);

        act.Should().Throw<StorageConfigurationException>().WithMessage($"*{missing}*");
    }

    [Theory]
    [InlineData("250ms", 250)]
    [InlineData("90s", 90_000)]
    [InlineData("5m", 300_000)]
    [InlineData("2h", 7_200_000)]
    [InlineData("1d", 86_400_000)]
    [InlineData("15", 15_000)]
    [InlineData("00:01:30", 90_000)]
    public void Duration_Formats_Parsed(string text, long milliseconds)
    {
        SettingParsers.Duration("X", text).Should().Be(TimeSpan.FromMilliseconds(milliseconds));
    }

    [Theory]
    [InlineData("512", 512L)]
    [InlineData("4KiB", 4096L)]
    [InlineData("3 MiB", 3L * 1024 * 1024)]
    [InlineData("1G", 1L << 30)]
    public void Size_Formats_Parsed(string text, long bytes)
    {
        SettingParsers.Size("X", text).Should().Be(bytes);
    }
}
