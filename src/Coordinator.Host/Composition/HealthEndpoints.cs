namespace PairDb.Coordinator.Composition;

/// <summary>/health/live and /health/ready on the health port (plain HTTP/1.1 for probes).</summary>
public static class HealthEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints, int healthPort, Func<CoordinatorRuntime?> runtime)
    {
        var host = "*:" + healthPort;
        endpoints.MapGet("/health/live", () => Results.Text("live\n")).RequireHost(host);
        endpoints.MapGet("/health/ready", () =>
        {
            var current = runtime();
            if (current is null)
            {
                return Results.Text("starting\n", statusCode: StatusCodes.Status503ServiceUnavailable);
            }

            var ring = current.Edge.Ring.Current;
            var reachable = ring.ActiveNodeCount - ring.Down.Count;
            return reachable > 0
                ? Results.Text($"ready: {reachable} of {ring.ActiveNodeCount} storage nodes reachable\n")
                : Results.Text("not ready: no storage node reachable\n", statusCode: StatusCodes.Status503ServiceUnavailable);
        }).RequireHost(host);
    }
}
