using Grpc.Core;
using Grpc.Core.Interceptors;

namespace PairDb.Storage.Hosting;

/// <summary>
/// Refuses new gRPC calls with UNAVAILABLE "server is shutting down" once the <see cref="DrainGate"/> is draining, so
/// clients retry on another replica; calls that entered before the flip are not touched. grpc.health.v1.Health still
/// answers, so probes read NOT_SERVING instead of a refused call.
/// </summary>
internal sealed class DrainInterceptor : Interceptor
{
    private static readonly Status Refused = new(StatusCode.Unavailable, "server is shutting down");
    private static readonly string HealthMethodPrefix = "/" + Grpc.Health.V1.Health.Descriptor.FullName + "/";

    private readonly DrainGate _gate;

    public DrainInterceptor(DrainGate gate) => _gate = gate;

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Admit(context);
        return continuation(request, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Admit(context);
        return continuation(request, responseStream, context);
    }

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Admit(context);
        return continuation(requestStream, context);
    }

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Admit(context);
        return continuation(requestStream, responseStream, context);
    }

    private void Admit(ServerCallContext context)
    {
        if (_gate.IsDraining && !context.Method.StartsWith(HealthMethodPrefix, StringComparison.Ordinal))
        {
            throw new RpcException(Refused);
        }
    }
}
