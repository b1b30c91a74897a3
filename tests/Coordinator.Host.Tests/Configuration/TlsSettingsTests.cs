using FluentAssertions;
using PairDb.Coordinator.Configuration;

namespace PairDb.Coordinator.Tests.Configuration;

/// <summary>The tls section: each link's files from YAML and environment, and the rules that tie them together.</summary>
public sealed class TlsSettingsTests : IDisposable
{
    private readonly ConfigurationTestContext _context = new();

    public void Dispose() => _context.Dispose();

    [Fact]
    public void Load_NoTlsSettings_EveryLinkPlaintext()
    {
        // Act
        var options = _context.Load();

        // Assert
        options.Tls.ServesClients.Should().BeFalse();
        options.Tls.ToStorage.Should().BeFalse();
        options.Tls.BetweenCoordinators.Should().BeFalse();
    }

    [Fact]
    public void Load_EveryTlsVariable_SetsItsFile()
    {
        // Arrange
        _context.Set("TLS_CERT_FILE", "/tls/c.crt").Set("TLS_KEY_FILE", "/tls/c.key").Set("TLS_CLIENT_CA_FILE", "/tls/clients.crt")
            .Set("TLS_REQUIRE_CLIENT_CERT", "true").Set("TLS_HANDSHAKE_TIMEOUT_MS", "2500")
            .Set("STORAGE_TLS_CA_FILE", "/tls/s-ca.crt").Set("STORAGE_TLS_CERT_FILE", "/tls/s.crt").Set("STORAGE_TLS_KEY_FILE", "/tls/s.key")
            .Set("CLUSTER_TLS_CA_FILE", "/tls/k-ca.crt").Set("CLUSTER_TLS_CERT_FILE", "/tls/k.crt").Set("CLUSTER_TLS_KEY_FILE", "/tls/k.key");

        // Act
        var tls = _context.Load().Tls;

        // Assert
        tls.Should().BeEquivalentTo(new TlsSettings
        {
            CertFile = "/tls/c.crt",
            KeyFile = "/tls/c.key",
            ClientCaFile = "/tls/clients.crt",
            RequireClientCert = true,
            HandshakeTimeout = TimeSpan.FromMilliseconds(2500),
            StorageCaFile = "/tls/s-ca.crt",
            StorageCertFile = "/tls/s.crt",
            StorageKeyFile = "/tls/s.key",
            ClusterCaFile = "/tls/k-ca.crt",
            ClusterCertFile = "/tls/k.crt",
            ClusterKeyFile = "/tls/k.key",
        });
    }

    [Fact]
    public void Load_TlsSectionInYaml_SetsTheFilesAndEmptyMeansUnset()
    {
        // Arrange
        var config = _context.WriteConfig("tls:\n  cert_file: /tls/c.crt\n  key_file: /tls/c.key\n  client_ca_file: \"\"\n");

        // Act
        var tls = _context.Load("--config", config).Tls;

        // Assert
        tls.CertFile.Should().Be("/tls/c.crt");
        tls.KeyFile.Should().Be("/tls/c.key");
        tls.ClientCaFile.Should().BeNull();
    }

    [Theory]
    [InlineData("TLS_CERT_FILE", "tls.cert_file")]
    [InlineData("TLS_KEY_FILE", "tls.cert_file")]
    [InlineData("STORAGE_TLS_CERT_FILE", "tls.storage_ca_file")]
    [InlineData("CLUSTER_TLS_CA_FILE", "tls.cluster_ca_file")]
    public void Load_LinkWithOnlySomeOfItsFiles_RefusedNamingThem(string variable, string key)
    {
        // Arrange
        _context.Set(variable, "/tls/file.pem");

        // Act
        var act = () => _context.Load();

        // Assert
        var error = act.Should().Throw<CoordinatorConfigurationException>().Which;
        error.Key.Should().Be(key);
        error.Message.Should().Contain("go together");
    }

    [Fact]
    public void Load_RequireClientCertWithoutClientCa_Refused()
    {
        // Arrange
        _context.Set("TLS_CERT_FILE", "/tls/c.crt").Set("TLS_KEY_FILE", "/tls/c.key").Set("TLS_REQUIRE_CLIENT_CERT", "true");

        // Act
        var act = () => _context.Load();

        // Assert
        act.Should().Throw<CoordinatorConfigurationException>().Which.Key.Should().Be("tls.require_client_cert");
    }

    [Fact]
    public void Load_ClientCaWithoutServerCertificate_Refused()
    {
        // Arrange
        _context.Set("TLS_CLIENT_CA_FILE", "/tls/clients.crt");

        // Act
        var act = () => _context.Load();

        // Assert
        act.Should().Throw<CoordinatorConfigurationException>().Which.Key.Should().Be("tls.client_ca_file");
    }
}
