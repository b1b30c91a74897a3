namespace PairDb.Storage.Hosting;

/// <summary>
/// The switch a storage node flips when it starts shutting down: from then on new gRPC calls are refused with
/// UNAVAILABLE (<see cref="DrainInterceptor"/>) while calls already running finish, and readiness turns false at once.
/// It never turns back on: a drained node only stops.
/// </summary>
public sealed class DrainGate
{
    private volatile bool _draining;

    /// <summary>True once <see cref="BeginDrain"/> was called.</summary>
    public bool IsDraining => _draining;

    /// <summary>Refuses every later call (idempotent; safe from any thread, e.g. an ApplicationStopping callback).</summary>
    public void BeginDrain() => _draining = true;
}
