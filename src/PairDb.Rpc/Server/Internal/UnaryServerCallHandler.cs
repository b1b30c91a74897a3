using Google.Protobuf;
using Microsoft.Extensions.Logging;

namespace PairDb.Rpc.Server.Internal;

/// <summary>Runs a unary handler and writes its single response (sent together with the trailers).</summary>
internal sealed class UnaryServerCallHandler<TRequest, TResponse> : ServerCallHandler<TRequest>
    where TRequest : class, IMessage<TRequest>, new()
    where TResponse : class, IMessage<TResponse>, new()
{
    private readonly UnaryHandler<TRequest, TResponse> _handler;

    public UnaryServerCallHandler(string methodFullName, UnaryHandler<TRequest, TResponse> handler, GrpcServerOptions options, ILogger logger)
        : base(methodFullName, options, logger) => _handler = handler;

    protected override async Task InvokeAsync(TRequest request, ServerCallContext context, ServerResponse response)
    {
        var reply = await _handler(request, context)
            ?? throw new RpcException(StatusCode.Internal, "The handler returned no response message.");
        await response.WriteMessageAsync(reply, flush: false, context.CancellationToken);
    }
}
