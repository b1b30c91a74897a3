using PairDb.Coordinator.Configuration;
using PairDb.Coordinator.Health;
using PairDb.Rpc.Contracts;
using PairDb.Rpc.Health;
using PairDb.Rpc.Server;

namespace PairDb.Coordinator.Composition;

/// <summary>
/// Health probes and graceful shutdown of the coordinator's web application. On SIGTERM (ApplicationStopping) the
/// drain gate flips: readiness turns false and new gRPC calls get UNAVAILABLE at once, while Kestrel lets the calls
/// already running finish within shutdown.timeout_ms (HostOptions.ShutdownTimeout); Program then disposes the runtime
/// (actors, replica client, embedded storage nodes, stores) in reverse order of creation.
/// </summary>
public static class CoordinatorLifecycle
{
    /// <summary>Maps /health/live, /health/ready and grpc.health.v1.Health; call before the application starts.</summary>
    /// <param name="app">The coordinator's application.</param>
    /// <param name="options">For the health port and the shutdown timeout.</param>
    /// <param name="runtime">The running coordinator, or null while it is starting.</param>
    public static void Map(WebApplication app, CoordinatorOptions options, Func<CoordinatorRuntime?> runtime)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(runtime);
        var drain = new GrpcDrainGate();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("PairDb.Coordinator.Lifecycle");
        app.Lifetime.ApplicationStopping.Register(() =>
        {
            drain.BeginDrain();
            LifecycleLog.Draining(logger, (long)options.ShutdownTimeout.TotalMilliseconds);
        });
        var health = new CoordinatorHealth(drain, () => runtime()?.Readiness);
        app.UseGrpcDrain(drain);
        HealthEndpoints.Map(app, options.HealthPort, health);
        app.MapGrpcService(GrpcHealthService.Create([CoordinatorMethods.ServiceName], health.IsServingAsync));
    }
}
