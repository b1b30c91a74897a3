using PairDb.Rpc.Observability;
using PairDb.Storage.Engine;

namespace PairDb.Storage.Hosting;

/// <summary>
/// The standalone node's Prometheus endpoint: GET /metrics on <see cref="StorageNodeOptions.MetricsPort"/> (plain
/// HTTP/1.1), serving this node's engine metrics only. Off when the port is null, as for embedded nodes, whose
/// host collects the same instruments itself.
/// </summary>
internal static class StorageMetricsEndpoint
{
    /// <summary>Registers the collector (disposed with the host) when metrics are on.</summary>
    public static void ConfigureServices(IServiceCollection services, StorageNodeOptions options)
    {
        if (options.MetricsPort is not null)
        {
            var nodeId = options.NodeId;
            services.AddSingleton(_ => new MetricsCollector(instrument => EngineMetrics.IsNodeInstrument(instrument, nodeId)));
        }
    }

    /// <summary>Answers requests arriving on the metrics listener; they never reach gRPC routing.</summary>
    public static void Map(WebApplication app, Func<int?> boundPort)
    {
        var collector = app.Services.GetService<MetricsCollector>();
        if (collector is null)
        {
            return;
        }

        app.Use(next => context =>
            boundPort() is { } port && context.Connection.LocalPort == port
                ? MetricsEndpoint.HandleAsync(context, collector)
                : next(context));
    }
}
