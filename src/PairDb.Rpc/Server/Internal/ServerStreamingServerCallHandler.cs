using Google.Protobuf;
using Microsoft.Extensions.Logging;

namespace PairDb.Rpc.Server.Internal;

/// <summary>Runs a server-streaming handler with a writer bound to the call.</summary>
internal sealed class ServerStreamingServerCallHandler<TRequest, TResponse> : ServerCallHandler<TRequest>
    where TRequest : class, IMessage<TRequest>, new()
    where TResponse : class, IMessage<TResponse>, new()
{
    private readonly ServerStreamingHandler<TRequest, TResponse> _handler;

    public ServerStreamingServerCallHandler(string methodFullName, ServerStreamingHandler<TRequest, TResponse> handler, GrpcServerOptions options, ILogger logger)
        : base(methodFullName, options, logger) => _handler = handler;

    protected override Task InvokeAsync(TRequest request, ServerCallContext context, ServerResponse response) =>
        _handler(request, new ServerStreamWriter<TResponse>(response, context.CancellationToken), context);
}
