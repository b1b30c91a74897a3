using Microsoft.Extensions.Diagnostics.HealthChecks;
using PairDb.Storage.Service;

namespace PairDb.Storage.Hosting;

/// <summary>
/// The node's readiness (<see cref="HealthProbe"/>) as an ASP.NET Core health check, which drives grpc.health.v1:
/// Check measures on every call, Watch streams the status the health check publisher measures periodically.
/// It logs when readiness changes, once per change: a warning when the node stops being ready for a fault (engine,
/// disk), information when it is ready again or stops being ready because it is shutting down. ASP.NET Core's own
/// line per unhealthy check (an error every publisher period, and one at every graceful shutdown) is filtered out
/// (<see cref="StorageLifecycle.ConfigureLogging"/>).
/// </summary>
internal sealed class ReadinessHealthCheck : IHealthCheck
{
    private readonly HealthProbe _probe;
    private readonly DrainGate _drain;
    private readonly ILogger<ReadinessHealthCheck> _logger;
    private readonly Lock _gate = new();
    private string _lastStatus = HealthProbe.Serving;

    public ReadinessHealthCheck(HealthProbe probe, DrainGate drain, ILogger<ReadinessHealthCheck> logger)
    {
        _probe = probe;
        _drain = drain;
        _logger = logger;
    }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var report = await _probe.CheckAsync(cancellationToken);
        LogChange(report);
        return report.Healthy ? HealthCheckResult.Healthy(report.Status) : HealthCheckResult.Unhealthy(report.Status);
    }

    private void LogChange(Service.HealthReport report)
    {
        lock (_gate)
        {
            if (string.Equals(report.Status, _lastStatus, StringComparison.Ordinal))
            {
                return;
            }

            _lastStatus = report.Status;
        }

        if (report.Healthy)
        {
            StorageLog.ReadyAgain(_logger, report.NodeId, report.Status);
        }
        else if (_drain.IsDraining)
        {
            StorageLog.NotReadyWhileStopping(_logger, report.NodeId, report.Status);
        }
        else
        {
            StorageLog.NotReady(_logger, report.NodeId, report.Status);
        }
    }
}
