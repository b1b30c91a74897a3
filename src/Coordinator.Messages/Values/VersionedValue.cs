namespace PairDb.Messages.Values;

/// <summary>
/// One version of a key: its value (empty for a tombstone), its vector clock, and the stamp that orders
/// concurrent versions for last-write-wins (timestamp in Unix microseconds, then coordinator id), and when it expires
/// (Unix microseconds, 0 for never): from its expiry on, a version reads as a tombstone would.
/// </summary>
public sealed class VersionedValue : IEquatable<VersionedValue>
{
    public VersionedValue(ReadOnlyMemory<byte> value, VectorClock clock, long timestampMicros, string coordinatorId, bool tombstone, long expiresAtMicros = 0)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(coordinatorId);
        Value = tombstone ? ReadOnlyMemory<byte>.Empty : value;
        Clock = clock;
        TimestampMicros = timestampMicros;
        CoordinatorId = coordinatorId;
        Tombstone = tombstone;
        ExpiresAtMicros = tombstone ? 0 : expiresAtMicros;
    }

    public ReadOnlyMemory<byte> Value { get; }

    public VectorClock Clock { get; }

    public long TimestampMicros { get; }

    public string CoordinatorId { get; }

    public bool Tombstone { get; }

    /// <summary>Unix microseconds from which the version counts as deleted; 0 (always for a tombstone) when it never expires.</summary>
    public long ExpiresAtMicros { get; }

    /// <summary>True for a version that is neither a tombstone nor expired at <paramref name="nowMicros"/> (Unix microseconds).</summary>
    public bool IsLive(long nowMicros) => !Tombstone && (ExpiresAtMicros == 0 || ExpiresAtMicros > nowMicros);

    /// <summary>
    /// Total last-write-wins order: timestamp, then coordinator id, then live over tombstone, then value bytes,
    /// then the clock entries, then the expiry, so that any two distinct versions have a deterministic winner on every node (two
    /// versions differing only by their clocks must not sort by arrival order, or replicas would disagree).
    /// </summary>
    public static int CompareLastWriteWins(VersionedValue a, VersionedValue b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var order = a.TimestampMicros.CompareTo(b.TimestampMicros);
        if (order != 0)
        {
            return order;
        }

        order = string.CompareOrdinal(a.CoordinatorId, b.CoordinatorId);
        if (order != 0)
        {
            return order;
        }

        order = b.Tombstone.CompareTo(a.Tombstone);
        if (order != 0)
        {
            return order;
        }

        order = a.Value.Span.SequenceCompareTo(b.Value.Span);
        if (order != 0)
        {
            return order;
        }

        order = CompareClockEntries(a.Clock, b.Clock);
        return order != 0 ? order : a.ExpiresAtMicros.CompareTo(b.ExpiresAtMicros);
    }

    public bool Equals(VersionedValue? other) =>
        other is not null
        && TimestampMicros == other.TimestampMicros
        && Tombstone == other.Tombstone
        && ExpiresAtMicros == other.ExpiresAtMicros
        && string.Equals(CoordinatorId, other.CoordinatorId, StringComparison.Ordinal)
        && Clock.Equals(other.Clock)
        && Value.Span.SequenceEqual(other.Value.Span);

    public override bool Equals(object? obj) => obj is VersionedValue other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Clock, TimestampMicros, CoordinatorId, Tombstone, ExpiresAtMicros, Value.Length);

    /// <summary>Lexicographic order over the sorted entries: arbitrary but total, and zero only for equal clocks.</summary>
    private static int CompareClockEntries(VectorClock a, VectorClock b)
    {
        var left = a.Entries;
        var right = b.Entries;
        var common = Math.Min(left.Count, right.Count);
        for (var i = 0; i < common; i++)
        {
            var order = string.CompareOrdinal(left[i].NodeId, right[i].NodeId);
            if (order != 0)
            {
                return order;
            }

            order = left[i].Counter.CompareTo(right[i].Counter);
            if (order != 0)
            {
                return order;
            }
        }

        return left.Count.CompareTo(right.Count);
    }

    public override string ToString() =>
        $"{(Tombstone ? "tombstone" : Value.Length + " bytes")} {Clock} @{TimestampMicros} by {CoordinatorId}{(ExpiresAtMicros == 0 ? "" : " expires @" + ExpiresAtMicros)}";
}
