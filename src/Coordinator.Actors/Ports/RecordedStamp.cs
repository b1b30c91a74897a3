using PairDb.Messages.Values;

namespace PairDb.Actors.Ports;

/// <summary>
/// What a write's idempotency claim records before its version is sent to the replicas: the clock the write answers
/// with (<paramref name="WriteClock"/>) and the identity of the version sent (its clock, timestamp and writer; a later
/// write of the same round may have stamped it, dominating the write's own clock). A retry that takes the claim over
/// after it lapsed (its coordinator died mid-write, or the write failed after sending) looks for that version.
/// </summary>
public sealed record RecordedStamp(VectorClock WriteClock, VectorClock VersionClock, long TimestampMicros, string CoordinatorId)
{
    /// <summary>Whether <paramref name="version"/> is the version this stamp recorded (same clock, timestamp and writer).</summary>
    public bool Identifies(VersionedValue version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return version.TimestampMicros == TimestampMicros
            && string.Equals(version.CoordinatorId, CoordinatorId, StringComparison.Ordinal)
            && version.Clock.CompareTo(VersionClock) == ClockOrder.Identical;
    }
}
