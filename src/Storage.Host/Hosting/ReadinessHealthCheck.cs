using Microsoft.Extensions.Diagnostics.HealthChecks;
using PairDb.Storage.Service;

namespace PairDb.Storage.Hosting;

/// <summary>
/// The node's readiness (<see cref="HealthProbe"/>) as an ASP.NET Core health check, which drives grpc.health.v1:
/// Check measures on every call, Watch streams the status the health check publisher measures periodically.
/// </summary>
internal sealed class ReadinessHealthCheck : IHealthCheck
{
    private readonly HealthProbe _probe;

    public ReadinessHealthCheck(HealthProbe probe) => _probe = probe;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var report = await _probe.CheckAsync(cancellationToken);
        return report.Healthy ? HealthCheckResult.Healthy(report.Status) : HealthCheckResult.Unhealthy(report.Status);
    }
}
