namespace PairDb.Storage.Hosting;

/// <summary>
/// The switch a server (storage node or coordinator) flips when it starts shutting down: from then on new calls are refused with UNAVAILABLE
/// (<see cref="DrainInterceptor"/>) while calls already running finish, and readiness turns false at once. It never
/// turns back on: a drained server only stops.
/// </summary>
public sealed class DrainGate : IDisposable
{
    /// <summary>The status message of a refused call.</summary>
    public const string RefusalMessage = "server is shutting down";

    private readonly CancellationTokenSource _draining = new();

    /// <summary>True once <see cref="BeginDrain"/> was called.</summary>
    public bool IsDraining => _draining.IsCancellationRequested;

    /// <summary>Cancelled when draining begins, so watchers (the health publisher) react at once.</summary>
    public CancellationToken Draining => _draining.Token;

    /// <summary>Refuses every later call (idempotent; safe from any thread, e.g. an ApplicationStopping callback).</summary>
    public void BeginDrain() => _draining.Cancel();

    public void Dispose() => _draining.Dispose();
}
