using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PairDb.Tests.Shared;

/// <summary>
/// Certificates made by the tests with <see cref="CertificateRequest"/> (ECDSA P-256): a CA, and certificates it issues
/// for 127.0.0.1 and localhost with the usages asked for, written as PEM files the way an operator provides them.
/// </summary>
public static class TestCertificates
{
    private const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";

    /// <summary>A self-signed CA certificate (with its key) valid from an hour ago for a day.</summary>
    public static X509Certificate2 CreateAuthority(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=" + name, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddHours(-1), now.AddDays(1));
    }

    /// <summary>A certificate (with its key) issued by <paramref name="authority"/> for 127.0.0.1 and localhost.</summary>
    /// <param name="authority">The issuing CA (with its private key).</param>
    /// <param name="name">The subject's common name.</param>
    /// <param name="server">Allowed for TLS server authentication.</param>
    /// <param name="client">Allowed for TLS client authentication.</param>
    public static X509Certificate2 Issue(X509Certificate2 authority, string name, bool server, bool client)
    {
        ArgumentNullException.ThrowIfNull(authority);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=" + name, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        var usages = new OidCollection();
        if (server)
        {
            usages.Add(new Oid(ServerAuthentication));
        }

        if (client)
        {
            usages.Add(new Oid(ClientAuthentication));
        }

        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(usages, critical: false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        var now = DateTimeOffset.UtcNow;
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var issued = request.Create(authority, now.AddMinutes(-5), now.AddHours(12), serial);
        return issued.CopyWithPrivateKey(key);
    }

    /// <summary>Writes the certificate to <paramref name="certificateFile"/> and, when given, its private key (PKCS#8) to <paramref name="keyFile"/>.</summary>
    public static void WritePem(X509Certificate2 certificate, string certificateFile, string? keyFile = null)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        File.WriteAllText(certificateFile, certificate.ExportCertificatePem());
        if (keyFile is not null)
        {
            using var key = certificate.GetECDsaPrivateKey() ?? throw new InvalidOperationException("The certificate has no ECDSA private key.");
            File.WriteAllText(keyFile, key.ExportPkcs8PrivateKeyPem());
        }
    }
}
