using System.Collections.Concurrent;
using System.Net;
using Google.Protobuf;
using PairDb.Rpc.Client.Internal;

namespace PairDb.Rpc.Client;

/// <summary>
/// Calls to one target over HTTP/2 cleartext (prior knowledge), through one pooled SocketsHttpHandler that
/// multiplexes calls on a connection and opens more when the server's stream limit is reached. Thread-safe;
/// create one per target and keep it.
/// </summary>
public sealed class GrpcChannel : IDisposable
{
    private readonly ConcurrentDictionary<string, Uri> _methodUris = new(StringComparer.Ordinal);

    private GrpcChannel(Uri address, GrpcChannelOptions options)
    {
        Address = address;
        Options = options;
        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = options.EnableMultipleHttp2Connections,
            ConnectTimeout = options.ConnectTimeout,
            KeepAlivePingDelay = options.KeepAlivePingDelay,
            KeepAlivePingTimeout = TimeSpan.FromSeconds(20),
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            AutomaticDecompression = DecompressionMethods.None,
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,

            // No trace-context headers: without a propagator the handler chain has no diagnostics stage, which
            // otherwise costs an Activity and header work on every call (nothing here consumes traces).
            ActivityHeadersPropagator = null,
        };
        Invoker = new HttpMessageInvoker(handler, disposeHandler: true);
    }

    /// <summary>The target, e.g. http://127.0.0.1:50061/.</summary>
    public Uri Address { get; }

    public GrpcChannelOptions Options { get; }

    internal HttpMessageInvoker Invoker { get; }

    /// <summary>The request URI of a method (built once per method; parsing a Uri on every call is measurable).</summary>
    internal Uri MethodUri(string methodFullName) =>
        _methodUris.TryGetValue(methodFullName, out var uri) ? uri : _methodUris.GetOrAdd(methodFullName, static (name, address) => new Uri(address, name), Address);

    /// <summary>A channel to <paramref name="address"/> ("http://host:port" or "host:port").</summary>
    public static GrpcChannel ForAddress(string address, GrpcChannelOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(address);
        var text = address.Contains("://", StringComparison.Ordinal) ? address : "http://" + address;
        var uri = new Uri(text, UriKind.Absolute);
        if (uri.Scheme != Uri.UriSchemeHttp)
        {
            throw new ArgumentException($"Only http:// (HTTP/2 cleartext) targets are supported, got '{address}'.", nameof(address));
        }

        return new GrpcChannel(uri, options ?? new GrpcChannelOptions());
    }

    /// <summary>Makes a unary call; throws <see cref="RpcException"/> for any non-OK status.</summary>
    public async Task<TResponse> UnaryAsync<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(request);
        using var call = new ClientCall<TResponse>(this, method.FullName, method.ResponseParser, options);
        await call.StartAsync(request);
        var response = await call.ReadAsync()
            ?? throw new RpcException(StatusCode.Internal, "The server ended a unary call with OK but no response message.");
        if (await call.ReadAsync() is not null)
        {
            throw new RpcException(StatusCode.Internal, "The server sent more than one message for a unary call.");
        }

        return response;
    }

    /// <summary>Starts a server-streaming call; read it with ReadAllAsync and dispose it when done.</summary>
    public AsyncServerStreamingCall<TResponse> ServerStreaming<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(request);
        var call = new ClientCall<TResponse>(this, method.FullName, method.ResponseParser, options);
        return new AsyncServerStreamingCall<TResponse>(call, call.StartAsync(request));
    }

    public void Dispose() => Invoker.Dispose();
}
