using Grpc.Core;
using Grpc.Core.Interceptors;

namespace PairDb.Coordinator.Interceptors;

/// <summary>Attaches every unary call's effective deadline (<see cref="CallDeadline"/>) before its handler runs.</summary>
public sealed class DeadlineInterceptor : Interceptor
{
    private readonly TimeSpan _defaultTimeout;

    /// <param name="defaultTimeout">The per-operation timeout of a call whose client sent no deadline.</param>
    public DeadlineInterceptor(TimeSpan defaultTimeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(defaultTimeout, TimeSpan.Zero);
        _defaultTimeout = defaultTimeout;
    }

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(continuation);
        CallDeadline.Attach(context, _defaultTimeout);
        return continuation(request, context);
    }
}
