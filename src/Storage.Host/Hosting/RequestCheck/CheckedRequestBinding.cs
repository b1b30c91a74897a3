using Grpc.AspNetCore.Server.Model;

namespace PairDb.Storage.Hosting.RequestCheck;

/// <summary>Switches a gRPC server (coordinator or storage node) to <see cref="CheckedRequestMethodProvider{TService}"/>.</summary>
public static class CheckedRequestBinding
{
    /// <summary>
    /// Replaces grpc-dotnet's default method discovery with the UTF-8 checking one. Call after AddGrpc (and after
    /// anything else that calls it, such as AddGrpcReflection); throws when grpc-dotnet's default provider is not found,
    /// since both binding the same methods would make every route ambiguous.
    /// </summary>
    public static IServiceCollection AddCheckedRequestBinding(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var removed = 0;
        for (var i = services.Count - 1; i >= 0; i--)
        {
            var descriptor = services[i];
            if (descriptor.ServiceType == typeof(IServiceMethodProvider<>)
                && descriptor.ImplementationType is { IsGenericTypeDefinition: true } implementation
                && implementation.Assembly == typeof(IServiceMethodProvider<>).Assembly
                && implementation.Name.StartsWith("BinderServiceMethodProvider", StringComparison.Ordinal))
            {
                services.RemoveAt(i);
                removed++;
            }
        }

        if (removed == 0)
        {
            throw new InvalidOperationException("grpc-dotnet's BinderServiceMethodProvider is not registered: call AddGrpc first (or this grpc-dotnet version binds services differently).");
        }

        services.AddSingleton(typeof(IServiceMethodProvider<>), typeof(CheckedRequestMethodProvider<>));
        return services;
    }
}
