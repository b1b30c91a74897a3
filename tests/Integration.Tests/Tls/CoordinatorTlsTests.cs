using System.Text;
using FluentAssertions;
using Grpc.Core;
using PairDb.Client;

namespace PairDb.Integration.Tests.Tls;

/// <summary>
/// The .NET client against a coordinator process that requires client certificates and reaches its storage nodes over
/// mutual TLS: with the CA and a client certificate it writes and reads; without a certificate, or trusting another
/// CA, it is refused in the handshake.
/// </summary>
[Collection(CoordinatorTlsCollection.Name)]
public sealed class CoordinatorTlsTests(TlsCoordinator coordinator)
{
    [Fact]
    public async Task WriteAndRead_ClientWithCaAndCertificate_ThroughTlsStorageNodes()
    {
        // Arrange
        using var client = coordinator.NewClient();

        // Act
        var written = await client.WriteAsync("tls-key", Encoding.UTF8.GetBytes("over tls"), new PairDbWriteOptions { Consistency = PairDbConsistency.All });
        var read = await client.ReadAsync("tls-key", new PairDbCallOptions { Consistency = PairDbConsistency.All });

        // Assert: ALL of RF 3 means every embedded storage node answered over its mutual TLS link.
        written.ReplicaCount.Should().Be(3, coordinator.Output);
        Encoding.UTF8.GetString(read!.Value).Should().Be("over tls");
    }

    [Fact]
    public async Task Read_ClientWithoutCertificate_Refused()
    {
        // Arrange
        using var client = coordinator.NewClient(static o =>
        {
            o.TlsCertificateFile = null;
            o.TlsKeyFile = null;
            o.Retry.MaxAttempts = 1;
        });

        // Act
        var read = () => client.ReadAsync("tls-key");

        // Assert: under TLS 1.3 the server refuses the client's certificate after the client finished its side of the
        // handshake, so grpc-dotnet sees a TLS failure (INTERNAL) or a connection closed under the call (UNAVAILABLE).
        (await read.Should().ThrowAsync<PairDbException>()).Which.StatusCode.Should().BeOneOf(StatusCode.Unavailable, StatusCode.Internal);
    }

    [Fact]
    public async Task Read_ClientTrustingAnotherCa_RefusesTheServerInternal()
    {
        // Arrange
        using var client = coordinator.NewClient(o =>
        {
            o.TlsCaFile = coordinator.OtherCa.CaFile;
            o.Retry.MaxAttempts = 1;
        });

        // Act
        var read = () => client.ReadAsync("tls-key");

        // Assert: grpc-dotnet reports a server certificate the client refused as INTERNAL, naming the TLS failure.
        var refused = (await read.Should().ThrowAsync<PairDbException>()).Which;
        refused.StatusCode.Should().Be(StatusCode.Internal);
        refused.Message.Should().Contain("SSL");
    }

    [Fact]
    public async Task Read_ClientCertificateFromAnotherCa_Refused()
    {
        // Arrange
        var stranger = coordinator.OtherCa.Issue("stranger", server: false, client: true);
        using var client = coordinator.NewClient(o =>
        {
            o.TlsCertificateFile = stranger.CertificateFile;
            o.TlsKeyFile = stranger.KeyFile;
            o.Retry.MaxAttempts = 1;
        });

        // Act
        var read = () => client.ReadAsync("tls-key");

        // Assert: under TLS 1.3 the server refuses the client's certificate after the client finished its side of the
        // handshake, so grpc-dotnet sees a TLS failure (INTERNAL) or a connection closed under the call (UNAVAILABLE).
        (await read.Should().ThrowAsync<PairDbException>()).Which.StatusCode.Should().BeOneOf(StatusCode.Unavailable, StatusCode.Internal);
    }

    [Fact]
    public void Create_HttpAddressWithTlsFiles_RejectedNamingTheAddress()
    {
        // Act
        var create = () => coordinator.NewClient(static o =>
        {
            o.Addresses.Clear();
            o.Addresses.Add("http://127.0.0.1:1");
        });

        // Assert
        create.Should().Throw<ArgumentException>().WithMessage("*http://127.0.0.1:1*https://*");
    }
}
