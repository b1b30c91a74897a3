using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using PairDb.Rpc.Contracts;
using PairDb.Rpc.Server.Internal;

namespace PairDb.Rpc.Server;

/// <summary>Refuses new gRPC calls once a <see cref="GrpcDrainGate"/> is draining.</summary>
public static class GrpcDrainApplicationBuilderExtensions
{
    private static readonly PathString HealthService = new("/" + HealthMethods.ServiceName);

    /// <summary>
    /// Adds a middleware that, once <paramref name="gate"/> is draining, answers every new gRPC request (HTTP/2 with
    /// a gRPC content type) with UNAVAILABLE "server is shutting down" as a trailers-only response, before routing
    /// runs its handler; clients retry UNAVAILABLE elsewhere. Calls that entered before the flip are not touched.
    /// Health checks (grpc.health.v1.Health) still pass, so probes read NOT_SERVING instead of a refused call.
    /// Non-gRPC requests (e.g. HTTP/1.1 probes on another port) pass unchanged.
    /// </summary>
    public static IApplicationBuilder UseGrpcDrain(this IApplicationBuilder app, GrpcDrainGate gate)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(gate);
        return app.Use(next => context =>
            gate.IsDraining && IsRefusable(context.Request) ? RefuseAsync(context) : next(context));
    }

    private static bool IsRefusable(HttpRequest request) =>
        HttpProtocol.IsHttp2(request.Protocol)
        && GrpcProtocol.IsGrpcContentType(request.ContentType)
        && !request.Path.StartsWithSegments(HealthService, StringComparison.Ordinal);

    private static Task RefuseAsync(HttpContext context) =>
        new ServerResponse(context, 0).CompleteAsync(StatusCode.Unavailable, GrpcDrainGate.RefusalMessage, endNow: false);
}
