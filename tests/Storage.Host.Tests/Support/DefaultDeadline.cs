using Grpc.Core;
using Grpc.Core.Interceptors;

namespace PairDb.Storage.Tests.Support;

/// <summary>
/// A client interceptor giving every call without a deadline this one, so a node that stops answering fails a test
/// instead of hanging it.
/// </summary>
internal sealed class DefaultDeadline : Interceptor
{
    private readonly TimeSpan _timeout;

    public DefaultDeadline(TimeSpan timeout) => _timeout = timeout;

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation) =>
        continuation(request, WithDeadline(context));

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncServerStreamingCallContinuation<TRequest, TResponse> continuation) =>
        continuation(request, WithDeadline(context));

    private ClientInterceptorContext<TRequest, TResponse> WithDeadline<TRequest, TResponse>(ClientInterceptorContext<TRequest, TResponse> context)
        where TRequest : class
        where TResponse : class =>
        context.Options.Deadline is not null
            ? context
            : new ClientInterceptorContext<TRequest, TResponse>(context.Method, context.Host, context.Options.WithDeadline(DateTime.UtcNow + _timeout));
}
