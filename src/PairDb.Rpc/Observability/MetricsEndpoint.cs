using Microsoft.AspNetCore.Http;

namespace PairDb.Rpc.Observability;

/// <summary>Answers a Prometheus scrape (GET or HEAD /metrics) from a <see cref="MetricsCollector"/>.</summary>
public static class MetricsEndpoint
{
    /// <summary>The path Prometheus scrapes by default.</summary>
    public const string Path = "/metrics";

    /// <summary>Writes the collector's current text: 200 for GET/HEAD of <see cref="Path"/>, 404 other paths, 405 other methods.</summary>
    public static async Task HandleAsync(HttpContext context, MetricsCollector collector)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(collector);
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

        var text = collector.Render();
        context.Response.ContentType = PrometheusText.ContentType;
        if (!head)
        {
            await context.Response.WriteAsync(text, context.RequestAborted);
        }
    }
}
