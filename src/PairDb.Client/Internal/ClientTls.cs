using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PairDb.Client.Internal;

/// <summary>
/// The client's TLS options from its PEM files: the coordinators' certificates must chain to the configured CA alone
/// (X509ChainTrustMode.CustomRootTrust) and name the host dialled; the client certificate is presented when asked for.
/// </summary>
internal static class ClientTls
{
    private const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";

    /// <summary>The options, or null when no TLS file is set; throws <see cref="ArgumentException"/> naming a file that cannot be loaded.</summary>
    public static SslClientAuthenticationOptions? Create(PairDbClientOptions options)
    {
        if (!options.UsesTls)
        {
            return null;
        }

        var ssl = new SslClientAuthenticationOptions();
        if (options.TlsCaFile is { } caFile)
        {
            var roots = new X509Certificate2Collection();
            Load(caFile, nameof(options.TlsCaFile), () => roots.ImportFromPemFile(caFile));
            ssl.RemoteCertificateValidationCallback = (_, certificate, _, errors) => Trusted(roots, certificate, errors);
        }

        if (options.TlsCertificateFile is { } certificateFile)
        {
            X509Certificate2? certificate = null;
            Load(certificateFile, nameof(options.TlsCertificateFile), () => certificate = X509Certificate2.CreateFromPemFile(certificateFile, options.TlsKeyFile));
            ssl.ClientCertificates = [certificate!];
        }

        return ssl;
    }

    private static bool Trusted(X509Certificate2Collection roots, X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (certificate is not X509Certificate2 server
            || (errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) != 0)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid(ServerAuthentication));
        return chain.Build(server);
    }

    private static void Load(string file, string setting, Action load)
    {
        try
        {
            load();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new ArgumentException($"{setting}: cannot load '{file}': {ex.Message}", setting, ex);
        }
    }
}
