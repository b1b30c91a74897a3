using Grpc.Core;
using Grpc.Core.Interceptors;

namespace PairDb.Storage.Hosting;

/// <summary>
/// The shutdown drain of both servers (storage node and coordinator): once the <see cref="DrainGate"/> is draining, refuses every new call with UNAVAILABLE "server is shutting down"
/// before its handler runs (clients retry UNAVAILABLE elsewhere); calls that entered before the flip are not touched.
/// Health calls (grpc.health.v1.Health) still pass, so probes read NOT_SERVING instead of a refused call.
/// </summary>
public sealed class DrainInterceptor : Interceptor
{
    private static readonly string HealthPrefix = "/" + Grpc.Health.V1.Health.Descriptor.FullName + "/";
    private static readonly Status Refusal = new(StatusCode.Unavailable, DrainGate.RefusalMessage);
    private readonly DrainGate _gate;

    public DrainInterceptor(DrainGate gate)
    {
        ArgumentNullException.ThrowIfNull(gate);
        _gate = gate;
    }

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(continuation);
        return Refuses(context) ? Task.FromException<TResponse>(new RpcException(Refusal)) : continuation(request, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(continuation);
        return Refuses(context) ? Task.FromException(new RpcException(Refusal)) : continuation(request, responseStream, context);
    }

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(continuation);
        return Refuses(context) ? Task.FromException<TResponse>(new RpcException(Refusal)) : continuation(requestStream, context);
    }

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(continuation);
        return Refuses(context) ? Task.FromException(new RpcException(Refusal)) : continuation(requestStream, responseStream, context);
    }

    /// <summary>Whether <paramref name="error"/> is this interceptor's refusal of a call made while the server drains.</summary>
    public static bool IsRefusal(Exception error) =>
        error is RpcException { StatusCode: StatusCode.Unavailable, Status.Detail: DrainGate.RefusalMessage };

    private bool Refuses(ServerCallContext context) =>
        _gate.IsDraining && !context.Method.StartsWith(HealthPrefix, StringComparison.Ordinal);
}
