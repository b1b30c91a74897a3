using Prometheus;

namespace PairDb.Storage.Observability;

/// <summary>Answers a Prometheus scrape (GET or HEAD /metrics) from a <see cref="MeterExporter"/>.</summary>
/// <remarks>
/// Not prometheus-net.AspNetCore's middleware: it answers any method and path it is mapped on and negotiates
/// OpenMetrics, while the scrape here stays text format 0.0.4 and refuses other methods and paths.
/// </remarks>
public static class MetricsScrape
{
    /// <summary>The path Prometheus scrapes by default.</summary>
    public const string Path = "/metrics";

    /// <summary>200 with the exposition for GET (headers only for HEAD) of <see cref="Path"/>, 404 other paths, 405 other methods.</summary>
    public static async Task HandleAsync(HttpContext context, MeterExporter exporter)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(exporter);
        if (!context.Request.Path.Equals(Path, StringComparison.Ordinal))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var head = HttpMethods.IsHead(context.Request.Method);
        if (!head && !HttpMethods.IsGet(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return;
        }

        context.Response.ContentType = PrometheusConstants.TextContentTypeWithVersionAndEncoding;
        if (!head)
        {
            await exporter.WriteAsync(context.Response.Body, context.RequestAborted);
        }
    }
}
