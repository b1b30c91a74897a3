using Grpc.Core;
using Grpc.Core.Interceptors;

namespace PairDb.Coordinator.Interceptors;

/// <summary>
/// Attaches every unary call's effective deadline (<see cref="CallDeadline"/>) before its handler runs. A call whose
/// client sent none gets the configured default of its kind: reads requests.read_timeout_ms, writes and deletes
/// requests.write_timeout_ms (BatchRead and BatchWrite likewise), every other method requests.default_timeout_ms.
/// </summary>
public sealed class DeadlineInterceptor : Interceptor
{
    // Wire paths of the client API's key methods (protos/coordinator.proto, package proto).
    private const string ReadPath = "/proto.CoordinatorService/ReadKeyValue";
    private const string WritePath = "/proto.CoordinatorService/WriteKeyValue";
    private const string DeletePath = "/proto.CoordinatorService/DeleteKeyValue";
    private const string BatchReadPath = "/proto.CoordinatorService/BatchRead";
    private const string BatchWritePath = "/proto.CoordinatorService/BatchWrite";

    private readonly TimeSpan _defaultTimeout;
    private readonly TimeSpan _readTimeout;
    private readonly TimeSpan _writeTimeout;

    /// <param name="defaultTimeout">The timeout of a call of any other method whose client sent no deadline.</param>
    /// <param name="readTimeout">The timeout of a ReadKeyValue or BatchRead call whose client sent no deadline.</param>
    /// <param name="writeTimeout">The timeout of a WriteKeyValue, DeleteKeyValue or BatchWrite call whose client sent no deadline.</param>
    public DeadlineInterceptor(TimeSpan defaultTimeout, TimeSpan readTimeout, TimeSpan writeTimeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(defaultTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(readTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(writeTimeout, TimeSpan.Zero);
        _defaultTimeout = defaultTimeout;
        _readTimeout = readTimeout;
        _writeTimeout = writeTimeout;
    }

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(continuation);
        CallDeadline.Attach(context, DefaultTimeoutOf(context.Method));
        return continuation(request, context);
    }

    /// <summary>The timeout a call of <paramref name="method"/> gets when its client sent no deadline.</summary>
    public TimeSpan DefaultTimeoutOf(string method) =>
        method switch
        {
            ReadPath or BatchReadPath => _readTimeout,
            WritePath or DeletePath or BatchWritePath => _writeTimeout,
            _ => _defaultTimeout,
        };
}
