namespace PairDb.Messages.Tls;

/// <summary>What a peer's certificate must be allowed for (its extended key usage), checked with its chain.</summary>
public enum CertificatePurpose
{
    /// <summary>Any usage: Akka.Remote peers are client and server of each other at once.</summary>
    Any,

    /// <summary>TLS server authentication (1.3.6.1.5.5.7.3.1): the certificate a client sees.</summary>
    Server,

    /// <summary>TLS client authentication (1.3.6.1.5.5.7.3.2): the certificate a server asks a client for.</summary>
    Client,
}
