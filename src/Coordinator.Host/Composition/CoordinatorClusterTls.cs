using Akka.Hosting;
using Akka.IO;
using Akka.Remote.Transport.DotNetty;
using PairDb.Messages.Tls;
using PairDb.Storage.Hosting.Tls;

namespace PairDb.Coordinator.Composition;

/// <summary>
/// Akka.Remote's TLS between coordinators: mutual (each side presents its certificate and checks the other's), every
/// peer certificate chained to the cluster CA alone (not the system's trust store), no host name check (a member's
/// certificate names the member, not necessarily the address a peer dialled). The certificate comes from a callback
/// source, which Akka.NET asks at every new connection, so a certificate replaced on disk is presented by connections
/// opened afterwards; connections already open keep theirs.
/// </summary>
public static class CoordinatorClusterTls
{
    /// <summary>Adds the TLS setup to the actor system when <paramref name="tls"/> is given (HOCON enable-ssl turns it on).</summary>
    public static AkkaConfigurationBuilder WithClusterTls(this AkkaConfigurationBuilder akka, PeerTls? tls)
    {
        ArgumentNullException.ThrowIfNull(akka);
        if (tls is null)
        {
            return akka;
        }

        var setup = DotNettySslSetup.FromSource(
            TlsCertificateSource.FromCallback(() => tls.Certificate.Current),
            suppressValidation: false,
            requireMutualAuthentication: true,
            validateCertificateHostname: false,
            customValidator: (certificate, _, _, _, _) => certificate is not null && tls.Authority.Check(certificate, CertificatePurpose.Any) is null);
        return akka.AddSetup(setup);
    }
}
