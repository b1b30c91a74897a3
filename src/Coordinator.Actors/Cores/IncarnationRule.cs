namespace PairDb.Actors.Cores;

/// <summary>
/// What a coordinator does with the incarnation a storage node's health check reported, given the one the metadata
/// store records: nothing for an empty answer (a node too old to report one) or the same one; record it when none is
/// recorded (a new node, filled by its join migration, is not rebuilding); replace it and mark the node rebuilding
/// when it differs (the node's database was created anew: it lost its data).
/// </summary>
public static class IncarnationRule
{
    /// <param name="recorded">The incarnation the metadata store holds, or null when none is recorded yet.</param>
    /// <param name="reported">The incarnation the node reported; empty when it reported none.</param>
    public static IncarnationChange Decide(string? recorded, string reported)
    {
        ArgumentNullException.ThrowIfNull(reported);
        if (reported.Length == 0 || string.Equals(recorded, reported, StringComparison.Ordinal))
        {
            return IncarnationChange.None;
        }

        return recorded is null ? IncarnationChange.Record : IncarnationChange.Rebuild;
    }

    /// <summary>
    /// The rebuilding mark stamped at <paramref name="now"/>, cut to whole microseconds as both metadata stores keep
    /// instants, so the mark read back equals the one written and a refill can name it exactly.
    /// </summary>
    public static DateTimeOffset RebuildingMark(DateTimeOffset now)
    {
        var ticks = now.UtcTicks;
        return new DateTimeOffset(ticks - (ticks % TimeSpan.TicksPerMicrosecond), TimeSpan.Zero);
    }
}
