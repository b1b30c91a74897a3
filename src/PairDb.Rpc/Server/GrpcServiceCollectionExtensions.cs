using Microsoft.Extensions.DependencyInjection;

namespace PairDb.Rpc.Server;

/// <summary>Registers the gRPC server layer's options.</summary>
public static class GrpcServiceCollectionExtensions
{
    public static IServiceCollection AddGrpcServer(this IServiceCollection services, Action<GrpcServerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<GrpcServerOptions>();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.AddSingleton<GrpcEndpointRouteBuilderExtensions.UnimplementedMarker>();
        services.AddRouting();
        return services;
    }
}
