using System.Security.Cryptography.X509Certificates;
using PairDb.Tests.Shared;

namespace PairDb.Integration.Tests.Tls;

/// <summary>A folder of PEM files made by the test: one CA (ca.pem) and the certificates it issues, each with its key.</summary>
public sealed class TlsFiles
{
    private readonly string _directory;

    public TlsFiles(string directory, string authorityName)
    {
        _directory = directory;
        Directory.CreateDirectory(directory);
        Authority = TestCertificates.CreateAuthority(authorityName);
        CaFile = Path.Combine(directory, authorityName + ".pem");
        TestCertificates.WritePem(Authority, CaFile);
    }

    public X509Certificate2 Authority { get; }

    /// <summary>The CA certificate's PEM file.</summary>
    public string CaFile { get; }

    /// <summary>Issues a certificate for 127.0.0.1 and writes NAME.pem and NAME-key.pem.</summary>
    public IssuedFiles Issue(string name, bool server, bool client)
    {
        var certificate = TestCertificates.Issue(Authority, name, server, client);
        var files = new IssuedFiles(certificate, Path.Combine(_directory, name + ".pem"), Path.Combine(_directory, name + "-key.pem"));
        TestCertificates.WritePem(certificate, files.CertificateFile, files.KeyFile);
        return files;
    }
}
