using System.Net;
using Grpc.Net.Client;
using PairDb.Messages.Tls;

namespace PairDb.Bench.Load;

/// <summary>
/// The bench's one way to open a channel: one GrpcChannel per target endpoint over a SocketsHttpHandler that
/// multiplexes every worker's calls on a connection and opens another only when the server's stream limit is
/// reached (64 workers stay within one connection's default limit of 100 streams).
/// </summary>
public static class BenchChannels
{
    /// <summary>
    /// Channels to each endpoint of a comma-separated --target list ("host:port", "http://host:port" or
    /// "https://host:port"; host:port is https when <paramref name="tls"/> names any file). Throws
    /// <see cref="InvalidDataException"/> when a TLS file cannot be loaded.
    /// </summary>
    public static GrpcChannel[] Open(string targets, ClientTlsFiles tls)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(tls);
        return Array.ConvertAll(targets.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), target => OpenOne(target, tls));
    }

    private static GrpcChannel OpenOne(string target, ClientTlsFiles tls)
    {
        var address = target.Contains("://", StringComparison.Ordinal) ? target : (tls.Any ? "https://" : "http://") + target;
        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            ConnectTimeout = TimeSpan.FromSeconds(5),
            KeepAlivePingDelay = TimeSpan.FromSeconds(30),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(20),
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            AutomaticDecompression = DecompressionMethods.None,
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,

            // No trace-context headers: nothing here consumes traces, and the propagator costs work on every call.
            ActivityHeadersPropagator = null,
        };
        tls.ApplyTo(handler);
        return GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true });
    }
}
