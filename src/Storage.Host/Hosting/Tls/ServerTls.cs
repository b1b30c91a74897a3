using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using PairDb.Messages.Tls;

namespace PairDb.Storage.Hosting.Tls;

/// <summary>
/// What a gRPC listener serves TLS with: its certificate (re-read when its files change) and, when client certificates
/// are checked, the CA they must chain to. Shared by the storage node and the coordinator.
/// </summary>
/// <param name="Certificate">The server certificate and key files.</param>
/// <param name="ClientAuthority">The CA client certificates must chain to, or null for none checked.</param>
/// <param name="RequireClientCertificate">
/// True: a client without a certificate is refused in the handshake. False with a <paramref name="ClientAuthority"/>:
/// a client may go without one, but one it presents must chain to the CA.
/// </param>
/// <param name="HandshakeTimeout">How long a TLS handshake may take before the connection is closed.</param>
public sealed record ServerTls(PemCertificateFile Certificate, CertificateAuthority? ClientAuthority, bool RequireClientCertificate, TimeSpan HandshakeTimeout)
{
    /// <summary>Makes <paramref name="listen"/> an HTTPS listener (HTTP/2 over TLS with ALPN) with these settings.</summary>
    public void Apply(ListenOptions listen)
    {
        ArgumentNullException.ThrowIfNull(listen);
        var https = new HttpsConnectionAdapterOptions
        {
            // Asked at every handshake, so a certificate replaced on disk is served without a restart.
            ServerCertificateSelector = (_, _) => Certificate.Current,
            HandshakeTimeout = HandshakeTimeout,
            ClientCertificateMode = ClientAuthority is null
                ? ClientCertificateMode.NoCertificate
                : RequireClientCertificate ? ClientCertificateMode.RequireCertificate : ClientCertificateMode.AllowCertificate,
        };
        if (ClientAuthority is { } authority)
        {
            https.ClientCertificateValidation = (certificate, _, _) => authority.Check(certificate, CertificatePurpose.Client) is null;
        }

        listen.UseHttps(https);
    }

    /// <summary>True when <paramref name="bindAddress"/> is reachable only from this machine (127.0.0.0/8 or ::1).</summary>
    public static bool IsLoopback(string bindAddress) => IPAddress.TryParse(bindAddress, out var address) && IPAddress.IsLoopback(address);
}
