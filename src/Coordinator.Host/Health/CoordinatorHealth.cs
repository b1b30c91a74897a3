using PairDb.Storage.Hosting;

namespace PairDb.Coordinator.Health;

/// <summary>
/// The readiness every probe reads (HTTP /health/ready, and grpc.health.v1.Health through <see cref="HealthStatusPublisher"/>): not ready while
/// starting or once shutting down (the drain gate is flipped), otherwise what <see cref="CoordinatorReadiness"/> measures.
/// </summary>
public sealed class CoordinatorHealth
{
    private static readonly ReadinessReport Starting = ReadinessReport.NotReady("starting");
    private static readonly ReadinessReport ShuttingDown = ReadinessReport.NotReady("shutting down");
    private readonly DrainGate _drain;
    private readonly Func<CoordinatorReadiness?> _readiness;

    /// <param name="drain">Flipped when shutdown begins.</param>
    /// <param name="readiness">The running coordinator's readiness, or null until it has started.</param>
    public CoordinatorHealth(DrainGate drain, Func<CoordinatorReadiness?> readiness)
    {
        ArgumentNullException.ThrowIfNull(drain);
        ArgumentNullException.ThrowIfNull(readiness);
        _drain = drain;
        _readiness = readiness;
    }

    public async Task<ReadinessReport> CheckAsync(CancellationToken cancellationToken)
    {
        if (_drain.IsDraining)
        {
            return ShuttingDown;
        }

        if (_readiness() is not { } readiness)
        {
            return Starting;
        }

        var report = await readiness.CheckAsync(cancellationToken);

        // Shutdown may have begun while the stores were measured; it wins.
        return _drain.IsDraining ? ShuttingDown : report;
    }
}
