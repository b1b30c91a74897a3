using PairDb.Coordinator.Configuration;
using PairDb.Storage.Hosting.Tls;

namespace PairDb.Coordinator.Composition;

/// <summary>
/// Warns at start of each link this coordinator serves in plaintext on an address other machines reach: plaintext is
/// the embedded default on loopback, a mistake anywhere else.
/// </summary>
public static class PlaintextWarnings
{
    public static void Log(ILogger logger, CoordinatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(options);
        if (ServerTls.IsLoopback(options.BindAddress))
        {
            return;
        }

        if (!options.Tls.ServesClients)
        {
            TlsLog.PlaintextOnNetwork(logger, "Client gRPC", options.BindAddress + ":" + options.ServerPort, "tls.cert_file and tls.key_file (TLS_CERT_FILE, TLS_KEY_FILE)");
        }

        if (!options.Tls.BetweenCoordinators)
        {
            TlsLog.PlaintextOnNetwork(
                logger, "Akka.Remote (coordinator to coordinator)", options.BindAddress + ":" + options.Cluster.Port, "tls.cluster_ca_file, tls.cluster_cert_file and tls.cluster_key_file (CLUSTER_TLS_*)");
        }
    }
}
