namespace PairDb.Actors.Ports;

/// <summary>
/// Anti-entropy's pass over the whole ring: the current pass's number and start, and the start and end of the last
/// pass that synced every range (null before one did).
/// </summary>
public sealed record RepairPassRecord(long Number, DateTimeOffset StartedAt, DateTimeOffset? LastFullStartedAt, DateTimeOffset? LastFullCompletedAt)
{
    /// <summary>True when the current pass has synced every range.</summary>
    public bool IsComplete => LastFullStartedAt == StartedAt;
}
