using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using FluentAssertions;
using Google.Protobuf;
using PairDb.Integration.Tests.Cluster;
using PairDb.Integration.Tests.Infrastructure;
using PairDb.Messages.Tls;
using PairDb.Protocol.Coordinator;

namespace PairDb.Integration.Tests.Tls;

/// <summary>
/// Two coordinator processes in one Akka.NET cluster over Akka.Remote with mutual TLS (CLUSTER_TLS_*), on shared
/// PostgreSQL and Redis: a key written through either coordinator is applied by its one owner, and the remoting port
/// refuses a peer whose certificate comes from another CA.
/// </summary>
[Collection(TestServersCollection.Name)]
public sealed class ClusterTlsTests : IDisposable
{
    /// <summary>
    /// How long the remoting port may take to refuse a peer. Below Akka.Remote's handshake-timeout (15 s), after which it
    /// would also close a connection it accepted but heard nothing on, so a close within this bound is the TLS refusal.
    /// </summary>
    private static readonly TimeSpan RefusalBound = TimeSpan.FromSeconds(10);
    private readonly TestServers _servers;
    private readonly string _root = Directory.CreateTempSubdirectory("pairdb-cluster-tls-").FullName;
    private readonly TlsFiles _files;

    public ClusterTlsTests(TestServers servers)
    {
        _servers = servers;
        _files = new TlsFiles(Path.Combine(_root, "cluster"), "cluster-ca");
    }

    [Fact]
    public async Task Write_ThroughEitherCoordinator_ForwardedToOneOwnerOverTlsRemoting()
    {
        // Arrange
        await using var cluster = await StartClusterAsync();

        // Act: the same key through both coordinators; at most one of them owns it, so one call crosses Akka.Remote.
        var owners = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            var call = cluster.Coordinator(i).CoordinatorClient().WriteKeyValueAsync(
                new WriteKeyValueRequest { TenantId = "default", Key = "tls-owned", Value = ByteString.CopyFromUtf8("v" + i) },
                GrpcClients.Within(TimeSpan.FromSeconds(15)));
            await call.ResponseAsync;
            owners.Add(call.GetTrailers().GetValue("pairdb-owner") ?? "(none)");
        }

        var read = await Kv.ReadAsync(cluster.Coordinator(0), "tls-owned");

        // Assert
        owners.Distinct().Should().ContainSingle("one coordinator owns the key, whichever one the write reached\n" + cluster.Logs());
        read.Value.ToStringUtf8().Should().Be("v1");
    }

    [Fact]
    public async Task RemotingPort_PeerCertificateFromAnotherCa_Refused()
    {
        // Arrange
        await using var cluster = await StartClusterAsync();
        var stranger = new TlsFiles(Path.Combine(_root, "other"), "other-ca").Issue("stranger", server: true, client: true);

        // Act
        var refused = await HandshakeRefusedAsync(cluster.ClusterPort(0), stranger, CertificateAuthority.Load(_files.CaFile));

        // Assert
        refused.Should().BeTrue("the remoting port accepts only certificates chained to the cluster CA\n" + cluster.Logs());
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // The OS temp cleanup takes the rest.
        }
    }

    private async Task<ClusterHarness> StartClusterAsync()
    {
        var member = _files.Issue("coordinator", server: true, client: true);
        var environment = await SharedStores.EnvironmentAsync(_servers);
        environment["CLUSTER_TLS_CA_FILE"] = _files.CaFile;
        environment["CLUSTER_TLS_CERT_FILE"] = member.CertificateFile;
        environment["CLUSTER_TLS_KEY_FILE"] = member.KeyFile;
        return await ClusterHarness.StartAsync(storageNodes: 3, coordinators: 2, coordinatorEnvironment: environment, oneCluster: true);
    }

    /// <summary>
    /// A TLS handshake with the remoting port (checked against <paramref name="cluster"/>) presenting <paramref name="peer"/>: true when the server refuses it (in the
    /// handshake, or under TLS 1.3 by an alert or a close right after it), within <see cref="RefusalBound"/>.
    /// </summary>
    private static async Task<bool> HandshakeRefusedAsync(int port, IssuedFiles peer, CertificateAuthority cluster)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", port);
        await using var tls = new SslStream(tcp.GetStream());
        try
        {
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = "127.0.0.1",
                ClientCertificates = [peer.Certificate],

                // The test checks the server against the cluster CA: the refusal under test is the server's.
                RemoteCertificateValidationCallback = cluster.AcceptsServer,
            }).WaitAsync(RefusalBound);
            var read = await tls.ReadAsync(new byte[16]).AsTask().WaitAsync(RefusalBound);
            return read == 0;
        }
        catch (Exception ex) when (ex is AuthenticationException or IOException)
        {
            return true;
        }
    }
}
