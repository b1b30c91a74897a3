using PairDb.Coordinator.Configuration;
using PairDb.Messages.Tls;
using PairDb.Storage.Hosting.Tls;

namespace PairDb.Coordinator.Composition;

/// <summary>
/// Loads the PEM files of each of the coordinator's TLS links from its settings; a file that cannot be loaded is a
/// <see cref="CoordinatorConfigurationException"/> naming the setting.
/// </summary>
public static class CoordinatorTls
{
    private const string LoggerName = "PairDb.Tls";

    /// <summary>The client gRPC listener's TLS, or null when it serves plaintext.</summary>
    public static ServerTls? ForClients(CoordinatorOptions options, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        var tls = options.Tls;
        if (!tls.ServesClients)
        {
            return null;
        }

        var certificate = Load("tls.cert_file", tls.CertFile!, () => PemCertificateFile.Open(tls.CertFile!, tls.KeyFile!, loggers.CreateLogger(LoggerName)));
        var authority = tls.ClientCaFile is { } ca ? Load("tls.client_ca_file", ca, () => CertificateAuthority.Load(ca)) : null;
        return new ServerTls(certificate, authority, tls.RequireClientCert, tls.HandshakeTimeout);
    }

    /// <summary>Mutual TLS to the storage nodes (embedded ones serve with the same certificate), or null for plaintext.</summary>
    public static PeerTls? ForStorage(CoordinatorOptions options, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        var tls = options.Tls;
        return tls.ToStorage
            ? new PeerTls(
                Load("tls.storage_cert_file", tls.StorageCertFile!, () => PemCertificateFile.Open(tls.StorageCertFile!, tls.StorageKeyFile!, loggers.CreateLogger(LoggerName))),
                Load("tls.storage_ca_file", tls.StorageCaFile!, () => CertificateAuthority.Load(tls.StorageCaFile!)))
            : null;
    }

    /// <summary>Mutual TLS of Akka.Remote between coordinators, or null for plaintext.</summary>
    public static PeerTls? ForCluster(CoordinatorOptions options, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        var tls = options.Tls;
        return tls.BetweenCoordinators
            ? new PeerTls(
                Load("tls.cluster_cert_file", tls.ClusterCertFile!, () => PemCertificateFile.Open(tls.ClusterCertFile!, tls.ClusterKeyFile!, loggers.CreateLogger(LoggerName))),
                Load("tls.cluster_ca_file", tls.ClusterCaFile!, () => CertificateAuthority.Load(tls.ClusterCaFile!)))
            : null;
    }

    private static T Load<T>(string key, string file, Func<T> load)
    {
        try
        {
            return load();
        }
        catch (InvalidDataException ex)
        {
            throw new CoordinatorConfigurationException(key, file, $"Invalid setting {key}: {ex.Message}", ex);
        }
    }
}
