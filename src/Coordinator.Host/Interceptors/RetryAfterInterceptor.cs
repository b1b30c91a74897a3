using System.Globalization;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace PairDb.Coordinator.Interceptors;

/// <summary>
/// Adds the <see cref="TrailerName"/> trailer to every RESOURCE_EXHAUSTED a client call ends with (a full queue or
/// mailbox anywhere on the path, replicas refusing for overload): how long to back off before retrying, so retry
/// policies do not hammer an overloaded coordinator at once. The client API is unary; streaming calls pass unchanged.
/// </summary>
public sealed class RetryAfterInterceptor : Interceptor
{
    /// <summary>Milliseconds to wait before retrying, as a decimal integer.</summary>
    public const string TrailerName = "retry-after-ms";

    private readonly string _milliseconds;

    /// <param name="retryAfter">The back-off the trailer advises; at least 1 ms is advertised.</param>
    public RetryAfterInterceptor(TimeSpan retryAfter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(retryAfter, TimeSpan.Zero);
        _milliseconds = ((long)Math.Ceiling(retryAfter.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture);
    }

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(continuation);
        try
        {
            return await continuation(request, context);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.ResourceExhausted)
        {
            // grpc-dotnet sends the context's trailers with the exception's status.
            if (context.ResponseTrailers.Get(TrailerName) is null && ex.Trailers.Get(TrailerName) is null)
            {
                context.ResponseTrailers.Add(TrailerName, _milliseconds);
            }

            throw;
        }
    }
}
