using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace PairDb.Client;

/// <summary>Registers <see cref="PairDbClient"/> with Microsoft.Extensions.DependencyInjection.</summary>
public static class PairDbServiceCollectionExtensions
{
    /// <summary>
    /// Registers one <see cref="PairDbClient"/> (a singleton, disposed with the container) whose
    /// <see cref="PairDbClientOptions"/> are bound from <paramref name="configuration"/> (e.g. the "PairDb" section).
    /// </summary>
    public static IServiceCollection AddPairDbClient(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<PairDbClientOptions>().Bind(configuration);
        return AddClient(services);
    }

    /// <summary>Registers one <see cref="PairDbClient"/> (a singleton) whose options <paramref name="configure"/> sets.</summary>
    public static IServiceCollection AddPairDbClient(this IServiceCollection services, Action<PairDbClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<PairDbClientOptions>().Configure(configure);
        return AddClient(services);
    }

    private static IServiceCollection AddClient(IServiceCollection services)
    {
        services.AddSingleton(static provider => new PairDbClient(provider.GetRequiredService<IOptions<PairDbClientOptions>>().Value));
        return services;
    }
}
