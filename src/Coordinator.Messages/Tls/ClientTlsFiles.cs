using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PairDb.Messages.Tls;

/// <summary>
/// The PEM files a TLS client of a coordinator uses (the CLI and the bench tool): the CA its server certificate must
/// chain to (null: the system's trust store) and the client certificate with its key, for a coordinator that asks for one.
/// </summary>
/// <param name="CaFile">CA certificates the server's certificate must chain to, or null for the system's trust store.</param>
/// <param name="CertificateFile">Client certificate presented to the server, or null for none.</param>
/// <param name="KeyFile">Private key of <paramref name="CertificateFile"/>.</param>
public sealed record ClientTlsFiles(string? CaFile, string? CertificateFile, string? KeyFile)
{
    /// <summary>No file: the system's trust store and no client certificate.</summary>
    public static ClientTlsFiles None { get; } = new(null, null, null);

    /// <summary>True when any file is named: a coordinator address without a scheme is then reached over https.</summary>
    public bool Any => CaFile is not null || CertificateFile is not null || KeyFile is not null;

    /// <summary>
    /// Sets <paramref name="handler"/>'s TLS options from the files; throws <see cref="InvalidDataException"/> naming the
    /// file that cannot be read, or when only one of certificate and key is named.
    /// </summary>
    public void ApplyTo(SocketsHttpHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        if ((CertificateFile is null) != (KeyFile is null))
        {
            throw new InvalidDataException("A client certificate needs both its certificate file and its key file.");
        }

        var ssl = new SslClientAuthenticationOptions();
        if (CaFile is not null)
        {
            ssl.RemoteCertificateValidationCallback = CertificateAuthority.Load(CaFile).AcceptsServer;
        }

        if (CertificateFile is not null)
        {
            ssl.ClientCertificates = [LoadCertificate(CertificateFile, KeyFile!)];
        }

        handler.SslOptions = ssl;
    }

    /// <summary>A certificate and its private key from PEM files; throws <see cref="InvalidDataException"/> saying why it cannot.</summary>
    public static X509Certificate2 LoadCertificate(string certificateFile, string keyFile)
    {
        try
        {
            return X509Certificate2.CreateFromPemFile(certificateFile, keyFile);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            throw new InvalidDataException($"Cannot load the certificate '{certificateFile}' with the key '{keyFile}': {ex.Message}", ex);
        }
    }
}
