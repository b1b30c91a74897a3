using PairDb.Storage.Service;

namespace PairDb.Storage.Hosting;

/// <summary>
/// Plain HTTP/1.1 probes on the health port: /health/live answers 200 while the process serves requests;
/// /health/ready answers 200 or 503 with the measured <see cref="HealthReport"/> as JSON.
/// </summary>
internal static class HealthEndpoints
{
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";

    public static async Task HandleAsync(HttpContext context, HealthProbe probe)
    {
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return;
        }

        var path = context.Request.Path;
        if (path.Equals(LivePath, StringComparison.Ordinal))
        {
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync("live", context.RequestAborted);
            return;
        }

        if (path.Equals(ReadyPath, StringComparison.Ordinal))
        {
            var report = await probe.CheckAsync(context.RequestAborted);
            context.Response.StatusCode = report.Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
            await context.Response.WriteAsJsonAsync(report, context.RequestAborted);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status404NotFound;
    }
}
