namespace PairDb.Coordinator.Configuration;

/// <summary>
/// TLS of the coordinator's three links, each configured by PEM files: clients to this coordinator (tls.cert_file ...),
/// this coordinator to the storage nodes (tls.storage_*), and coordinator to coordinator over Akka.Remote
/// (tls.cluster_*). A link with no file configured stays plaintext. config.yaml section tls; docs/security.md.
/// </summary>
public sealed record TlsSettings
{
    /// <summary>tls.cert_file / TLS_CERT_FILE: the client gRPC listener's certificate (re-read when it changes); empty = plaintext.</summary>
    public string? CertFile { get; init; }

    /// <summary>tls.key_file / TLS_KEY_FILE: private key of <see cref="CertFile"/>.</summary>
    public string? KeyFile { get; init; }

    /// <summary>tls.client_ca_file / TLS_CLIENT_CA_FILE: CA a client certificate must chain to (one presented is checked).</summary>
    public string? ClientCaFile { get; init; }

    /// <summary>tls.require_client_cert / TLS_REQUIRE_CLIENT_CERT: refuse clients without a certificate from <see cref="ClientCaFile"/>.</summary>
    public bool RequireClientCert { get; init; }

    /// <summary>tls.storage_ca_file / STORAGE_TLS_CA_FILE: the cluster CA storage nodes' certificates must chain to.</summary>
    public string? StorageCaFile { get; init; }

    /// <summary>tls.storage_cert_file / STORAGE_TLS_CERT_FILE: this coordinator's client certificate for the storage nodes.</summary>
    public string? StorageCertFile { get; init; }

    /// <summary>tls.storage_key_file / STORAGE_TLS_KEY_FILE: private key of <see cref="StorageCertFile"/>.</summary>
    public string? StorageKeyFile { get; init; }

    /// <summary>tls.cluster_ca_file / CLUSTER_TLS_CA_FILE: the CA other coordinators' Akka.Remote certificates must chain to.</summary>
    public string? ClusterCaFile { get; init; }

    /// <summary>tls.cluster_cert_file / CLUSTER_TLS_CERT_FILE: this coordinator's Akka.Remote certificate (server and client authentication).</summary>
    public string? ClusterCertFile { get; init; }

    /// <summary>tls.cluster_key_file / CLUSTER_TLS_KEY_FILE: private key of <see cref="ClusterCertFile"/>.</summary>
    public string? ClusterKeyFile { get; init; }

    /// <summary>
    /// tls.handshake_timeout_ms / TLS_HANDSHAKE_TIMEOUT_MS: how long a TLS handshake with the client listener (and with
    /// embedded storage nodes) may take before the connection is closed.
    /// </summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>True when clients reach this coordinator over TLS.</summary>
    public bool ServesClients => CertFile is not null;

    /// <summary>True when calls to storage nodes use mutual TLS.</summary>
    public bool ToStorage => StorageCaFile is not null;

    /// <summary>True when Akka.Remote between coordinators uses mutual TLS.</summary>
    public bool BetweenCoordinators => ClusterCaFile is not null;
}
