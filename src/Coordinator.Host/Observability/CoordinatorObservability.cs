using PairDb.Coordinator.Composition;
using PairDb.Storage.Hosting;
using PairDb.Storage.Observability;

namespace PairDb.Coordinator.Observability;

/// <summary>
/// Wires metrics into the coordinator's host: GET /metrics on the metrics port with the coordinator's instruments and
/// those of its embedded storage nodes.
/// </summary>
public static class CoordinatorObservability
{
    /// <summary>Meters a coordinator's /metrics serves: its own, and the storage engines it hosts (embedded mode).</summary>
    public static readonly IReadOnlyList<string> MeterNames = [CoordinatorInstruments.MeterName, StorageMeter.Name];

    /// <summary>Registers the metrics exporter.</summary>
    public static IServiceCollection AddCoordinatorObservability(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(static _ => NewExporter());
        return services;
    }

    /// <summary>Maps GET <paramref name="metricsPath"/> (metrics.path) on <paramref name="metricsPort"/> and starts the instruments that read the runtime.</summary>
    public static void MapMetrics(WebApplication app, int metricsPort, string metricsPath, Func<CoordinatorRuntime?> runtime)
    {
        ArgumentNullException.ThrowIfNull(app);
        var instruments = new RuntimeInstruments(runtime);
        app.Lifetime.ApplicationStopped.Register(instruments.Dispose);
        var exporter = app.Services.GetRequiredService<MeterExporter>();
        app.MapMethods(metricsPath, [HttpMethods.Get, HttpMethods.Head], context => MetricsScrape.HandleAsync(context, exporter))
            .RequireHost("*:" + metricsPort);
    }

    /// <summary>One prometheus-net registry for both meters, with prometheus-net's process and runtime metrics.</summary>
    private static MeterExporter NewExporter()
    {
        var exporter = new MeterExporter([.. MeterNames]);
        exporter.AddProcessMetrics();
        return exporter;
    }
}
