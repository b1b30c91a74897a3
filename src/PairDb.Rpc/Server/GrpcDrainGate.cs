namespace PairDb.Rpc.Server;

/// <summary>
/// The switch a host flips when it starts shutting down: from then on new gRPC calls are refused with UNAVAILABLE
/// (see <see cref="GrpcDrainApplicationBuilderExtensions.UseGrpcDrain"/>) while calls already running finish, and
/// readiness reports read it to turn false at once. It never turns back on: a drained server only stops.
/// </summary>
public sealed class GrpcDrainGate
{
    /// <summary>The status message of a refused call.</summary>
    public const string RefusalMessage = "server is shutting down";

    private volatile bool _draining;

    /// <summary>True once <see cref="BeginDrain"/> was called.</summary>
    public bool IsDraining => _draining;

    /// <summary>Refuses every later call (idempotent; safe from any thread, e.g. an ApplicationStopping callback).</summary>
    public void BeginDrain() => _draining = true;
}
