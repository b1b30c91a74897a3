using Grpc.HealthCheck;
using PairDb.Coordinator.Configuration;
using PairDb.Coordinator.Health;
using PairDb.Storage.Hosting;

namespace PairDb.Coordinator.Composition;

/// <summary>
/// Health probes and graceful shutdown of the coordinator's web application. On SIGTERM (ApplicationStopping) the
/// drain gate flips: readiness turns false, grpc.health.v1 turns NOT_SERVING and new gRPC calls get UNAVAILABLE at
/// once, while Kestrel lets the calls already running finish within shutdown.timeout_ms (HostOptions.ShutdownTimeout);
/// then <see cref="CoordinatorRuntimeHost"/> stops the health publisher and disposes the runtime (leaving the cluster
/// first, then the replica client, embedded storage nodes and stores) in reverse order of creation.
/// </summary>
public static class CoordinatorLifecycle
{
    /// <summary>
    /// Maps /health/live and /health/ready and builds the publisher that drives grpc.health.v1 from readiness; call
    /// before the application starts and hand the publisher to <see cref="CoordinatorRuntimeHost.HealthPublisher"/>,
    /// which starts it once the runtime runs, before the server listens, and stops it before the runtime stops.
    /// </summary>
    /// <param name="app">The coordinator's application, with <see cref="CoordinatorGrpc.AddCoordinatorGrpc"/> registered.</param>
    /// <param name="options">For the health port and the shutdown timeout.</param>
    /// <param name="runtime">The running coordinator, or null while it is starting.</param>
    public static HealthStatusPublisher Map(WebApplication app, CoordinatorOptions options, Func<CoordinatorRuntime?> runtime)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(runtime);
        var drain = app.Services.GetRequiredService<DrainGate>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("PairDb.Coordinator.Lifecycle");
        app.Lifetime.ApplicationStopping.Register(() =>
        {
            drain.BeginDrain();
            LifecycleLog.Draining(logger, (long)options.ShutdownTimeout.TotalMilliseconds);
        });
        var health = new CoordinatorHealth(drain, () => runtime()?.Readiness);
        var publisher = new HealthStatusPublisher(health, app.Services.GetRequiredService<HealthServiceImpl>(), drain, CoordinatorGrpc.ServiceNames);
        HealthEndpoints.Map(app, options.HealthPort, health);
        return publisher;
    }
}
