using PairDb.Coordinator.Composition;
using PairDb.Rpc.Observability;
using PairDb.Rpc.Server;
using PairDb.Storage.Engine;

namespace PairDb.Coordinator.Observability;

/// <summary>
/// Wires metrics and request logs into the coordinator's host: the call observer on the gRPC server layer, and
/// GET /metrics on the metrics port with the coordinator's instruments and those of its embedded storage nodes.
/// </summary>
public static class CoordinatorObservability
{
    /// <summary>Meters a coordinator's /metrics serves: its own, and the storage engines it hosts (embedded mode).</summary>
    public static readonly IReadOnlyList<string> MeterNames = [CoordinatorInstruments.MeterName, StorageMeter.Name];

    /// <summary>Registers the collector and the <see cref="RequestTelemetry"/> call observer.</summary>
    public static IServiceCollection AddCoordinatorObservability(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(_ => new MetricsCollector([.. MeterNames]));
        services.AddSingleton(sp => new RequestTelemetry(sp.GetRequiredService<ILoggerFactory>().CreateLogger("PairDb.Requests")));
        services.AddOptions<GrpcServerOptions>().Configure<RequestTelemetry>(static (grpc, telemetry) => grpc.CallObserver = telemetry);
        return services;
    }

    /// <summary>Maps GET <paramref name="metricsPath"/> (metrics.path) on <paramref name="metricsPort"/> and starts the instruments that read the runtime.</summary>
    public static void MapMetrics(WebApplication app, int metricsPort, string metricsPath, Func<CoordinatorRuntime?> runtime)
    {
        ArgumentNullException.ThrowIfNull(app);
        var instruments = new RuntimeInstruments(runtime);
        app.Lifetime.ApplicationStopped.Register(instruments.Dispose);
        var collector = app.Services.GetRequiredService<MetricsCollector>();
        app.MapMethods(metricsPath, [HttpMethods.Get, HttpMethods.Head], context => MetricsEndpoint.HandleAsync(context, collector))
            .RequireHost("*:" + metricsPort);
    }
}
