using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PairDb.Rpc.Server.Internal;

namespace PairDb.Rpc.Server;

/// <summary>Maps gRPC services onto ASP.NET Core endpoint routing at /package.Service/Method.</summary>
public static class GrpcEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps every method of <paramref name="service"/> as a POST endpoint. Any other POST /x/y path answers
    /// UNIMPLEMENTED (mapped once per application, at lower precedence than real methods).
    /// </summary>
    public static IEndpointRouteBuilder MapGrpcService(this IEndpointRouteBuilder endpoints, GrpcServiceDefinition service)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(service);
        var options = endpoints.ServiceProvider.GetService<IOptions<GrpcServerOptions>>()?.Value ?? new GrpcServerOptions();
        var logger = endpoints.ServiceProvider.GetService<ILoggerFactory>()?.CreateLogger("PairDb.Rpc.Server")
            ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        foreach (var method in service.Methods)
        {
            endpoints.MapPost(method.FullName, method.CreateDelegate(options, logger));
        }

        var marker = endpoints.ServiceProvider.GetService<UnimplementedMarker>();
        if (marker is null || !marker.Mapped)
        {
            if (marker is not null)
            {
                marker.Mapped = true;
            }

            endpoints.MapPost("{service}/{method}", AnswerUnimplementedAsync);
        }

        return endpoints;
    }

    private static async Task AnswerUnimplementedAsync(HttpContext httpContext)
    {
        if (!await CallValidation.AcceptAsync(httpContext))
        {
            return;
        }

        var path = httpContext.Request.Path.Value ?? string.Empty;
        await new ServerResponse(httpContext, 0).CompleteAsync(StatusCode.Unimplemented, $"Method '{path}' is not implemented by this server.", endNow: false);
    }

    /// <summary>Remembers whether the UNIMPLEMENTED fallback was mapped, so several services map it once.</summary>
    internal sealed class UnimplementedMarker
    {
        public bool Mapped { get; set; }
    }
}
