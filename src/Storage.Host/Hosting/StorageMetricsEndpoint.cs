using PairDb.Storage.Engine;
using PairDb.Storage.Observability;

namespace PairDb.Storage.Hosting;

/// <summary>
/// The standalone node's Prometheus endpoint: GET /metrics on <see cref="StorageNodeOptions.MetricsPort"/> (plain
/// HTTP/1.1), serving this node's engine metrics only. Off when the port is null, as for embedded nodes, whose
/// host exports the same instruments itself.
/// </summary>
internal static class StorageMetricsEndpoint
{
    /// <summary>Registers the exporter (disposed with the host) when metrics are on.</summary>
    public static void ConfigureServices(IServiceCollection services, StorageNodeOptions options)
    {
        if (options.MetricsPort is not null)
        {
            var nodeId = options.NodeId;
            services.AddSingleton(_ =>
            {
                var exporter = new MeterExporter(instrument => EngineMetrics.IsNodeInstrument(instrument, nodeId));
                exporter.AddProcessMetrics();
                return exporter;
            });
        }
    }

    /// <summary>Answers requests arriving on the metrics listener; they never reach gRPC routing.</summary>
    public static void Map(WebApplication app, Func<int?> boundPort)
    {
        var exporter = app.Services.GetService<MeterExporter>();
        if (exporter is null)
        {
            return;
        }

        app.Use(next => context =>
            boundPort() is { } port && context.Connection.LocalPort == port
                ? MetricsScrape.HandleAsync(context, exporter)
                : next(context));
    }
}
