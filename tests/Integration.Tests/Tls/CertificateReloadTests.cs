using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using FluentAssertions;
using PairDb.Messages.Tls;
using PairDb.Tests.Shared;

namespace PairDb.Integration.Tests.Tls;

/// <summary>
/// The coordinator's client listener serves a certificate replaced on disk without a restart: a handshake made after
/// the files changed sees the new certificate's thumbprint, and a half-written replacement leaves the old one in use.
/// </summary>
[Collection(CoordinatorTlsCollection.Name)]
public sealed class CertificateReloadTests(TlsCoordinator coordinator)
{
    private static readonly TimeSpan ReloadBound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Handshake_CertificateReplacedOnDisk_SeesTheNewThumbprint()
    {
        // Arrange
        var before = await ServedThumbprintAsync();
        var renewed = TestCertificates.Issue(coordinator.Files.Authority, "coordinator-renewed", server: true, client: false);

        // Act: the certificate first (the pair does not match until the key follows), then the key.
        TestCertificates.WritePem(renewed, coordinator.Listener.CertificateFile);
        var halfWritten = await ServedThumbprintAsync();
        TestCertificates.WritePem(renewed, coordinator.Listener.CertificateFile, coordinator.Listener.KeyFile);

        // Assert
        before.Should().Be(coordinator.Listener.Certificate.Thumbprint);
        halfWritten.Should().Be(before, "a certificate whose key has not been written yet cannot be served");
        var deadline = DateTime.UtcNow + ReloadBound;
        var served = before;
        while (served != renewed.Thumbprint && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
            served = await ServedThumbprintAsync();
        }

        served.Should().Be(renewed.Thumbprint, coordinator.Output);
    }

    /// <summary>One TLS handshake with the coordinator (as a client with a certificate, offering h2): the thumbprint it serves.</summary>
    private async Task<string> ServedThumbprintAsync()
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", coordinator.Port);
        var authority = CertificateAuthority.Load(coordinator.Files.CaFile);
        X509Certificate2? served = null;
        await using var tls = new SslStream(tcp.GetStream());
        using var client = X509Certificate2.CreateFromPemFile(coordinator.Client.CertificateFile, coordinator.Client.KeyFile);
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "127.0.0.1",
            ApplicationProtocols = [SslApplicationProtocol.Http2],
            ClientCertificates = [client],
            RemoteCertificateValidationCallback = (sender, certificate, chain, errors) =>
            {
                served = certificate is null ? null : new X509Certificate2(certificate);
                return authority.AcceptsServer(sender, certificate, chain, errors);
            },
        });
        return served!.Thumbprint;
    }
}
