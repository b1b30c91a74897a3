using System.Security.Cryptography.X509Certificates;
using FluentAssertions;
using Microsoft.Extensions.Logging.Abstractions;
using PairDb.Actors.Cores;
using PairDb.Coordinator.Replicas;
using PairDb.Coordinator.Tests.Stores;
using PairDb.Messages.Tls;
using PairDb.Messages.Values;
using PairDb.Storage.Hosting;
using PairDb.Storage.Hosting.Tls;

namespace PairDb.Coordinator.Tests.Replicas;

/// <summary>
/// The coordinator's replica client against a real storage node in this process serving mutual TLS: with a client
/// certificate from the cluster CA it reads; with one from another CA, or trusting another CA, the call fails.
/// </summary>
public sealed class ReplicaTlsTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly TestDirectory _directory = new();
    private readonly X509Certificate2 _clusterCa = TestCertificates.CreateAuthority("cluster-ca");
    private readonly X509Certificate2 _otherCa = TestCertificates.CreateAuthority("other-ca");
    private RunningStorageNode? _running;
    private StorageNode _node = null!;

    public async Task InitializeAsync()
    {
        var (nodeCertificate, nodeKey) = Write("node", TestCertificates.Issue(_clusterCa, "storage-tls", server: true, client: false));
        _running = await StorageNodeServer.StartAsync(
            new StorageNodeOptions
            {
                NodeId = "storage-tls",
                ServerPort = 0,
                HealthPort = null,
                DataDir = Path.Combine(_directory.Path, "data"),
                Durability = DurabilityMode.Os,
                TlsCertFile = nodeCertificate,
                TlsKeyFile = nodeKey,
                TlsClientCaFile = WriteCa("cluster-ca", _clusterCa),
            },
            static logging => { },
            timeProvider: null);
        _node = new StorageNode("storage-tls", "127.0.0.1", _running.Port, 150, StorageNodeStatus.Active);
    }

    public async Task DisposeAsync()
    {
        if (_running is not null)
        {
            await _running.DisposeAsync();
        }

        _directory.Dispose();
    }

    [Fact]
    public async Task ReadAsync_ClientCertificateFromTheClusterCa_Answers()
    {
        // Arrange
        using var client = Client(TestCertificates.Issue(_clusterCa, "coordinator", server: false, client: true), WriteCa("trusted", _clusterCa));

        // Act
        var read = await client.ReadAsync(_node, "t1", "never-written", Timeout, CancellationToken.None);

        // Assert
        read.Status.Should().Be(ReplicaReadStatus.NotFound, read.Reason);
    }

    [Fact]
    public async Task ReadAsync_ClientCertificateFromAnotherCa_RefusedByTheNode()
    {
        // Arrange
        using var client = Client(TestCertificates.Issue(_otherCa, "intruder", server: false, client: true), WriteCa("trusted", _clusterCa));

        // Act
        var read = await client.ReadAsync(_node, "t1", "never-written", Timeout, CancellationToken.None);

        // Assert
        read.Status.Should().Be(ReplicaReadStatus.Failed);
    }

    [Fact]
    public async Task ReadAsync_NodeNotFromTheTrustedCa_RefusedByTheCoordinator()
    {
        // Arrange: a good client certificate, but the coordinator trusts only the other CA.
        using var client = Client(TestCertificates.Issue(_clusterCa, "coordinator", server: false, client: true), WriteCa("other", _otherCa));

        // Act
        var read = await client.ReadAsync(_node, "t1", "never-written", Timeout, CancellationToken.None);

        // Assert
        read.Status.Should().Be(ReplicaReadStatus.Failed);
    }

    [Fact]
    public async Task ReadAsync_NodeServingTlsDialledInPlaintext_Fails()
    {
        // Arrange
        using var client = new GrpcReplicaClient(ReplicaChannelSettings.Default, NullLogger.Instance);

        // Act
        var read = await client.ReadAsync(_node, "t1", "never-written", Timeout, CancellationToken.None);

        // Assert
        read.Status.Should().Be(ReplicaReadStatus.Failed);
    }

    private GrpcReplicaClient Client(X509Certificate2 certificate, string caFile)
    {
        var (certificateFile, keyFile) = Write("client-" + Guid.NewGuid().ToString("N"), certificate);
        var tls = new PeerTls(PemCertificateFile.Open(certificateFile, keyFile, NullLogger.Instance), CertificateAuthority.Load(caFile));
        return new GrpcReplicaClient(ReplicaChannelSettings.Default with { Tls = tls }, NullLogger.Instance);
    }

    private (string Certificate, string Key) Write(string name, X509Certificate2 certificate)
    {
        var files = (Path.Combine(_directory.Path, name + ".pem"), Path.Combine(_directory.Path, name + "-key.pem"));
        TestCertificates.WritePem(certificate, files.Item1, files.Item2);
        return files;
    }

    private string WriteCa(string name, X509Certificate2 authority)
    {
        var file = Path.Combine(_directory.Path, name + ".pem");
        TestCertificates.WritePem(authority, file);
        return file;
    }
}
