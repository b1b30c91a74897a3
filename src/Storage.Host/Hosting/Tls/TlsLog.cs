namespace PairDb.Storage.Hosting.Tls;

/// <summary>Source-generated log messages about certificates and plaintext listeners, with stable event ids.</summary>
public static partial class TlsLog
{
    [LoggerMessage(EventId = 2101, Level = LogLevel.Information, Message = "Loaded the changed certificate {File}: thumbprint {Thumbprint}, valid until {NotAfter:u}.")]
    public static partial void CertificateReloaded(ILogger logger, string file, string thumbprint, DateTime notAfter);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Warning,
        Message = "The certificate {File} changed but cannot be loaded; still serving the previous one (thumbprint {Thumbprint}): {Reason}")]
    public static partial void CertificateReloadFailed(ILogger logger, string file, string thumbprint, string reason);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Warning,
        Message = "{Listener} serves PLAINTEXT on the non-loopback address {Address}: anyone on the network can read and change its traffic. Configure {Settings} to serve TLS.")]
    public static partial void PlaintextOnNetwork(ILogger logger, string listener, string address, string settings);
}
