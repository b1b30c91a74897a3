namespace PairDb.Coordinator.Configuration;

/// <summary>The TLS settings and the rules that tie their files together.</summary>
public sealed partial record CoordinatorOptions
{
    /// <summary>tls.* / TLS_*, STORAGE_TLS_*, CLUSTER_TLS_*: certificates of the client, storage and cluster links.</summary>
    public TlsSettings Tls { get; init; } = new();

    /// <summary>Each link's files come together: a certificate with its key, a client CA with a certificate to serve, mutual links whole.</summary>
    private void ValidateTls()
    {
        RequireTogether(
            "tls.cert_file (TLS_CERT_FILE) and tls.key_file (TLS_KEY_FILE)", Tls.CertFile, Tls.KeyFile);
        if (Tls.ClientCaFile is not null && Tls.CertFile is null)
        {
            throw new CoordinatorConfigurationException(
                "tls.client_ca_file", Tls.ClientCaFile, "Invalid setting tls.client_ca_file (TLS_CLIENT_CA_FILE): client certificates are checked only over TLS; set tls.cert_file and tls.key_file too.");
        }

        if (Tls.RequireClientCert && Tls.ClientCaFile is null)
        {
            throw new CoordinatorConfigurationException(
                "tls.require_client_cert", "true", "Invalid setting tls.require_client_cert (TLS_REQUIRE_CLIENT_CERT): needs tls.client_ca_file (TLS_CLIENT_CA_FILE), the CA client certificates must chain to.");
        }

        RequireTogether(
            "tls.storage_ca_file (STORAGE_TLS_CA_FILE), tls.storage_cert_file (STORAGE_TLS_CERT_FILE) and tls.storage_key_file (STORAGE_TLS_KEY_FILE)",
            Tls.StorageCaFile, Tls.StorageCertFile, Tls.StorageKeyFile);
        RequireTogether(
            "tls.cluster_ca_file (CLUSTER_TLS_CA_FILE), tls.cluster_cert_file (CLUSTER_TLS_CERT_FILE) and tls.cluster_key_file (CLUSTER_TLS_KEY_FILE)",
            Tls.ClusterCaFile, Tls.ClusterCertFile, Tls.ClusterKeyFile);
    }

    private static void RequireTogether(string settings, params string?[] files)
    {
        var set = Array.FindAll(files, static file => file is not null).Length;
        if (set != 0 && set != files.Length)
        {
            var first = settings[..settings.IndexOf(' ', StringComparison.Ordinal)];
            throw new CoordinatorConfigurationException(first, null, $"Invalid TLS settings: {settings} go together; set all of them or none.");
        }
    }
}
