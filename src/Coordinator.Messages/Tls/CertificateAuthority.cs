using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PairDb.Messages.Tls;

/// <summary>
/// The CA certificates of one PEM file (a bundle may hold several) as the only roots a peer's certificate may chain to:
/// the system's trust store is not consulted (X509ChainTrustMode.CustomRootTrust), so a certificate from any other CA,
/// public or private, is refused. Revocation is not checked (a private CA here publishes no CRL).
/// </summary>
public sealed class CertificateAuthority
{
    private const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";
    private readonly X509Certificate2Collection _roots;

    private CertificateAuthority(X509Certificate2Collection roots, string file)
    {
        _roots = roots;
        File = file;
    }

    /// <summary>The PEM file the roots were read from.</summary>
    public string File { get; }

    /// <summary>Reads every certificate of the PEM file <paramref name="file"/>; throws <see cref="InvalidDataException"/> saying why it cannot.</summary>
    public static CertificateAuthority Load(string file)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(file);
        var roots = new X509Certificate2Collection();
        try
        {
            roots.ImportFromPemFile(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new InvalidDataException($"Cannot read the CA certificates in '{file}': {ex.Message}", ex);
        }

        return roots.Count > 0 ? new CertificateAuthority(roots, file) : throw new InvalidDataException($"'{file}' holds no PEM certificate.");
    }

    /// <summary>Null when <paramref name="certificate"/> chains to these roots and is allowed for <paramref name="purpose"/>; otherwise why not.</summary>
    public string? Check(X509Certificate2 certificate, CertificatePurpose purpose)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (purpose != CertificatePurpose.Any)
        {
            chain.ChainPolicy.ApplicationPolicy.Add(new Oid(purpose == CertificatePurpose.Server ? ServerAuthentication : ClientAuthentication));
        }

        if (chain.Build(certificate))
        {
            return null;
        }

        var reasons = new List<string>();
        foreach (var status in chain.ChainStatus)
        {
            reasons.Add(status.StatusInformation.Trim());
        }

        return $"certificate '{certificate.Subject}' is not trusted by the CA file '{File}': {string.Join("; ", reasons)}";
    }

    /// <summary>
    /// For a TLS client: accepts a server certificate that chains to these roots, is allowed for server authentication
    /// and names the host dialled (a name mismatch is refused).
    /// </summary>
    public bool AcceptsServer(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors) =>
        certificate is X509Certificate2 server
        && (errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) == 0
        && Check(server, CertificatePurpose.Server) is null;
}
