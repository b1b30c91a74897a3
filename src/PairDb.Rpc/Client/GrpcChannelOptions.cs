namespace PairDb.Rpc.Client;

/// <summary>Bounds and connection settings of a <see cref="GrpcChannel"/>.</summary>
public sealed class GrpcChannelOptions
{
    /// <summary>Largest response message accepted (RESOURCE_EXHAUSTED above it). Default 16 MiB.</summary>
    public int MaxReceiveMessageSize { get; set; } = 4 * GrpcProtocol.DefaultMaxMessageSize;

    /// <summary>Largest request message sent (RESOURCE_EXHAUSTED above it, without sending). Default 4 MiB.</summary>
    public int MaxSendMessageSize { get; set; } = GrpcProtocol.DefaultMaxMessageSize;

    /// <summary>How long to wait for a TCP connection. Default 5 s.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Open more HTTP/2 connections when one reaches the server's concurrent-stream limit. Default true.</summary>
    public bool EnableMultipleHttp2Connections { get; set; } = true;

    /// <summary>Deadline of calls that set none. Null means calls without a deadline wait indefinitely.</summary>
    public TimeSpan? DefaultTimeout { get; set; }

    /// <summary>Interval of HTTP/2 keep-alive pings on idle connections. Default 30 s.</summary>
    public TimeSpan KeepAlivePingDelay { get; set; } = TimeSpan.FromSeconds(30);
}
