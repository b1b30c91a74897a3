using PairDb.Coordinator.Health;

namespace PairDb.Coordinator.Composition;

/// <summary>
/// /health/live and /health/ready on the health port (plain HTTP/1.1 for probes). Live answers 200 while the process
/// serves HTTP; ready answers 200 or 503 with the <see cref="ReadinessReport"/> text, which names every failed condition.
/// </summary>
public static class HealthEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints, int healthPort, CoordinatorHealth health)
    {
        ArgumentNullException.ThrowIfNull(health);
        var host = "*:" + healthPort;
        endpoints.MapGet("/health/live", () => Results.Text("live\n")).RequireHost(host);
        endpoints.MapGet("/health/ready", async (CancellationToken cancellationToken) =>
        {
            var report = await health.CheckAsync(cancellationToken);
            return Results.Text(report.Detail, statusCode: report.Ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        }).RequireHost(host);
    }
}
