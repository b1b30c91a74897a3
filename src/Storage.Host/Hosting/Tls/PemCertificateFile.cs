using System.Security.Cryptography.X509Certificates;
using PairDb.Messages.Tls;

namespace PairDb.Storage.Hosting.Tls;

/// <summary>
/// A certificate and its key in two PEM files, re-read when either file changes: every TLS handshake asks for
/// <see cref="Current"/>, which compares both files' modification time and length with those last read (two stat
/// calls) and loads them again when they differ. A file that cannot be loaded (half written, key and certificate not
/// matching) leaves the previous certificate in use and is logged once per change; the next change is tried again.
/// Certificates replaced are not disposed: a handshake may still be using one.
/// </summary>
public sealed class PemCertificateFile
{
    private readonly ILogger _logger;
    private readonly Lock _reload = new();
    private volatile Loaded _loaded;
    private FileStamp _tried;

    private PemCertificateFile(string certificateFile, string keyFile, ILogger logger, Loaded loaded)
    {
        CertificateFile = certificateFile;
        KeyFile = keyFile;
        _logger = logger;
        _loaded = loaded;
        _tried = loaded.Stamp;
    }

    public string CertificateFile { get; }

    public string KeyFile { get; }

    /// <summary>The certificate to present now: the files' content, or the last good content while they cannot be loaded.</summary>
    public X509Certificate2 Current
    {
        get
        {
            var loaded = _loaded;
            var stamp = FileStamp.Of(CertificateFile, KeyFile);
            return stamp == loaded.Stamp ? loaded.Certificate : Reload(stamp);
        }
    }

    /// <summary>Loads the files; throws <see cref="InvalidDataException"/> saying why they cannot be loaded.</summary>
    public static PemCertificateFile Open(string certificateFile, string keyFile, ILogger logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(certificateFile);
        ArgumentException.ThrowIfNullOrWhiteSpace(keyFile);
        ArgumentNullException.ThrowIfNull(logger);
        var stamp = FileStamp.Of(certificateFile, keyFile);
        return new PemCertificateFile(certificateFile, keyFile, logger, new Loaded(ClientTlsFiles.LoadCertificate(certificateFile, keyFile), stamp));
    }

    private X509Certificate2 Reload(FileStamp stamp)
    {
        lock (_reload)
        {
            if (stamp == _loaded.Stamp || stamp == _tried)
            {
                return _loaded.Certificate;
            }

            _tried = stamp;
            try
            {
                var certificate = ClientTlsFiles.LoadCertificate(CertificateFile, KeyFile);
                _loaded = new Loaded(certificate, stamp);
                TlsLog.CertificateReloaded(_logger, CertificateFile, certificate.Thumbprint, certificate.NotAfter);
            }
            catch (InvalidDataException ex)
            {
                TlsLog.CertificateReloadFailed(_logger, CertificateFile, _loaded.Certificate.Thumbprint, ex.Message);
            }

            return _loaded.Certificate;
        }
    }

    private sealed record Loaded(X509Certificate2 Certificate, FileStamp Stamp);

    /// <summary>Modification time and length of both files (a missing file reads as zero).</summary>
    private readonly record struct FileStamp(DateTime CertificateWritten, long CertificateLength, DateTime KeyWritten, long KeyLength)
    {
        public static FileStamp Of(string certificateFile, string keyFile)
        {
            // FileInfo follows symbolic links, so a Kubernetes Secret volume's atomic swap of its ..data link shows.
            var certificate = new FileInfo(certificateFile);
            var key = new FileInfo(keyFile);
            return new FileStamp(
                certificate.Exists ? certificate.LastWriteTimeUtc : default,
                certificate.Exists ? certificate.Length : 0,
                key.Exists ? key.LastWriteTimeUtc : default,
                key.Exists ? key.Length : 0);
        }
    }
}
