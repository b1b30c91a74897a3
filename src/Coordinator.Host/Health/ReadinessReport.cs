namespace PairDb.Coordinator.Health;

/// <summary>
/// One readiness answer: <see cref="Ready"/> and a plain-text body whose first line is "ready" or "not ready: "
/// followed by every failed condition, then one line per condition.
/// </summary>
public sealed record ReadinessReport(bool Ready, string Detail)
{
    /// <summary>Not ready for a reason that makes the other conditions moot (starting, shutting down).</summary>
    public static ReadinessReport NotReady(string reason) => new(false, "not ready: " + reason + "\n");
}
