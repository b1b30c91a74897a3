using PairDb.Rpc.Contracts;
using PairDb.Rpc.Health;
using PairDb.Rpc.Server;
using PairDb.Storage.Service;

namespace PairDb.Storage.Hosting;

/// <summary>
/// Graceful shutdown and the standard gRPC health service of a storage node. When the host starts stopping (SIGTERM,
/// or Dispose of an embedded node) the drain gate flips: readiness turns false and new gRPC calls get UNAVAILABLE at
/// once, while Kestrel lets calls already running finish within <see cref="StorageNodeOptions.ShutdownTimeout"/>;
/// then the node commits queued writes and closes its engine (<see cref="RunningStorageNode.DisposeAsync"/>).
/// </summary>
internal static class StorageLifecycle
{
    /// <summary>The host's shutdown timeout, and no signal handling for embedded nodes.</summary>
    public static void ConfigureServices(IServiceCollection services, StorageNodeOptions options)
    {
        services.Configure<HostOptions>(host => host.ShutdownTimeout = options.ShutdownTimeout);
        if (!options.HandleStopSignals)
        {
            services.AddSingleton<IHostLifetime, EmbeddedLifetime>();
        }
    }

    /// <summary>Flips <paramref name="drain"/> when stopping begins, refuses new calls after it, and maps grpc.health.v1.Health.</summary>
    public static void Map(WebApplication app, GrpcDrainGate drain, HealthProbe health)
    {
        app.Lifetime.ApplicationStopping.Register(drain.BeginDrain);
        app.UseGrpcDrain(drain);
        app.MapGrpcService(GrpcHealthService.Create([StorageMethods.ServiceName], async cancellationToken => (await health.CheckAsync(cancellationToken)).Healthy));
    }
}
