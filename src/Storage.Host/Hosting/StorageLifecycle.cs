using Microsoft.Extensions.Diagnostics.HealthChecks;
using PairDb.Protocol.Storage;

namespace PairDb.Storage.Hosting;

/// <summary>
/// Graceful shutdown and the standard gRPC health service of a storage node. When the host starts stopping (SIGTERM,
/// or Dispose of an embedded node) the drain gate flips: readiness turns false, grpc.health.v1 Watch streams end
/// with NOT_SERVING, and new gRPC calls get UNAVAILABLE at once (<see cref="DrainInterceptor"/>), while Kestrel lets
/// calls already running finish within <see cref="StorageNodeOptions.ShutdownTimeout"/>; then the node commits
/// queued writes and closes its engine (<see cref="RunningStorageNode.DisposeAsync"/>).
/// </summary>
internal static class StorageLifecycle
{
    // Watch streams get the status the health check publisher measured last; a node whose engine or disk fails shows
    // NOT_SERVING within this period (Check always measures on the spot).
    private static readonly TimeSpan HealthPublishPeriod = TimeSpan.FromSeconds(5);

    /// <summary>The host's shutdown timeout, no signal handling for embedded nodes, and grpc.health.v1 driven by readiness.</summary>
    public static void ConfigureServices(IServiceCollection services, StorageNodeOptions options)
    {
        services.Configure<HostOptions>(host => host.ShutdownTimeout = options.ShutdownTimeout);
        if (!options.HandleStopSignals)
        {
            services.AddSingleton<IHostLifetime, EmbeddedLifetime>();
        }

        services.AddSingleton<DrainInterceptor>();

        // One instance, so that it remembers the last status and logs only changes.
        services.AddSingleton<ReadinessHealthCheck>();
        services.AddGrpcHealthChecks(grpc => grpc.Services.Map(StorageNodeService.Descriptor.FullName, _ => true))
            .AddCheck<ReadinessHealthCheck>("readiness");
        services.Configure<HealthCheckPublisherOptions>(publisher =>
        {
            publisher.Delay = TimeSpan.Zero;
            publisher.Period = HealthPublishPeriod;
        });
    }

    /// <summary>
    /// ASP.NET Core's health check service logs an error for every unhealthy check, so every publisher period while a
    /// node is unready and at every graceful shutdown; <see cref="ReadinessHealthCheck"/> logs the changes instead.
    /// </summary>
    public static void ConfigureLogging(ILoggingBuilder logging) =>
        logging.AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks.DefaultHealthCheckService", LogLevel.None);

    /// <summary>Flips <paramref name="drain"/> when stopping begins and maps grpc.health.v1.Health.</summary>
    public static void Map(WebApplication app, DrainGate drain)
    {
        app.Lifetime.ApplicationStopping.Register(drain.BeginDrain);
        app.MapGrpcHealthChecksService();
    }
}
