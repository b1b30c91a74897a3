using System.Diagnostics;
using Grpc.Core;
using Grpc.Core.Interceptors;
using PairDb.Coordinator.Observability;
using PairDb.Storage.Hosting;

namespace PairDb.Coordinator.Interceptors;

/// <summary>
/// Times every unary call and hands its outcome to <see cref="RequestTelemetry"/> (metrics and the failure log line).
/// Streams (health Watch, reflection) are long-lived sessions, not requests, and are not recorded. A call the client
/// cancelled counts as CANCELLED whatever its handler threw on the way out, so it is never logged as a server failure;
/// nor is a call the shutdown drain refused (<see cref="DrainInterceptor"/>), which the server meant to refuse.
/// </summary>
public sealed class RequestTelemetryInterceptor : Interceptor
{
    private readonly RequestTelemetry _telemetry;

    public RequestTelemetryInterceptor(RequestTelemetry telemetry)
    {
        ArgumentNullException.ThrowIfNull(telemetry);
        _telemetry = telemetry;
    }

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(continuation);
        var started = Stopwatch.GetTimestamp();
        var status = StatusCode.OK;
        var refusedWhileDraining = false;
        try
        {
            return await continuation(request, context);
        }
        catch (Exception ex)
        {
            status = StatusOf(ex, context);
            refusedWhileDraining = status == StatusCode.Unavailable && DrainInterceptor.IsRefusal(ex);
            throw;
        }
        finally
        {
            _telemetry.Record(context.Method, status, Stopwatch.GetElapsedTime(started), CallTenant.Of(context), refusedWhileDraining);
        }
    }

    /// <summary>The status grpc-dotnet sends for a handler that threw <paramref name="error"/>.</summary>
    private static StatusCode StatusOf(Exception error, ServerCallContext context)
    {
        if (context.CancellationToken.IsCancellationRequested)
        {
            // The call token fires for the client's deadline and for the client going away.
            return context.Deadline <= DateTime.UtcNow ? StatusCode.DeadlineExceeded : StatusCode.Cancelled;
        }

        return error is RpcException rpc ? rpc.StatusCode : StatusCode.Unknown;
    }
}
