using System.Net.Security;
using Grpc.Net.Client;
using PairDb.Messages.Validation;
using PairDb.Storage.Hosting.Tls;

namespace PairDb.Coordinator.Replicas;

/// <summary>
/// How the coordinator connects to each storage node: message size bounds, connect timeout and HTTP/2 keep-alive
/// pings (so a dead peer behind a silent network is noticed on an idle connection, not only on the next call), and
/// mutual TLS when configured.
/// </summary>
/// <param name="MaxReceiveMessageSize">Largest response accepted: a read may carry several sibling versions of a value.</param>
/// <param name="MaxSendMessageSize">Largest request sent: a batch, or a repair carrying sibling versions.</param>
public sealed record ReplicaChannelSettings(int MaxReceiveMessageSize, int MaxSendMessageSize)
{
    /// <summary>Both message limits derived from the default value and batch limits.</summary>
    public static ReplicaChannelSettings Default { get; } = new(
        RequestLimits.MaxMessageBytes(RequestLimits.DefaultMaxValueBytes, RequestLimits.DefaultMaxBatchBytes),
        RequestLimits.MaxMessageBytes(RequestLimits.DefaultMaxValueBytes, RequestLimits.DefaultMaxBatchBytes));

    /// <summary>How long to wait for a TCP connection before the call fails UNAVAILABLE.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Interval of HTTP/2 keep-alive pings on an idle connection.</summary>
    public TimeSpan KeepAlivePingDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A ping unanswered this long closes the connection.</summary>
    public TimeSpan KeepAlivePingTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Mutual TLS to the storage nodes, or null for plaintext: the channel presents this coordinator's certificate (the
    /// file's content when the connection opens) and accepts only a node certificate chained to the cluster CA that
    /// names the node's registered host.
    /// </summary>
    public PeerTls? Tls { get; init; }

    /// <summary>A channel to <paramref name="address"/> (http://host:port; dialled over https with <see cref="Tls"/>) over its own connection pool.</summary>
    public GrpcChannel CreateChannel(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        // One HTTP/2 connection per node: coalescing keeps a node's calls in flight few (replicas.max_in_flight per
        // call kind), far below a server's stream limit, and more connections showed no gain beyond the run-to-run
        // spread under distinct-key or hot-key writes (docs/benchmarks.md, "Where the coordinator's time goes").
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = ConnectTimeout,
            KeepAlivePingDelay = KeepAlivePingDelay,
            KeepAlivePingTimeout = KeepAlivePingTimeout,
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.Always,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            EnableMultipleHttp2Connections = false,

            // Storage nodes are reached directly: an HTTP_PROXY in the pod's environment must not carry these calls.
            UseProxy = false,
        };
        if (Tls is { } tls)
        {
            handler.SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = tls.Authority.AcceptsServer,
                LocalCertificateSelectionCallback = (_, _, _, _, _) => tls.Certificate.Current,
            };
            address = address.StartsWith("http://", StringComparison.Ordinal) ? "https://" + address["http://".Length..] : address;
        }

        return GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            HttpHandler = handler,
            DisposeHttpClient = true,
            MaxReceiveMessageSize = MaxReceiveMessageSize,
            MaxSendMessageSize = MaxSendMessageSize,
        });
    }
}
