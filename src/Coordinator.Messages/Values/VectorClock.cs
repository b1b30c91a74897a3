namespace PairDb.Messages.Values;

/// <summary>
/// An immutable vector clock: counters per coordinator id, kept sorted by id (ordinal) so that compare and
/// merge are single linear passes. A missing entry counts as zero; zero or negative counters are never stored.
/// </summary>
public sealed class VectorClock : IEquatable<VectorClock>
{
    private readonly ClockEntry[] _entries;

    /// <summary>The clock with no entries (no version written yet).</summary>
    public static readonly VectorClock Empty = new([]);

    private VectorClock(ClockEntry[] sortedEntries) => _entries = sortedEntries;

    /// <summary>Entries sorted by node id.</summary>
    public IReadOnlyList<ClockEntry> Entries => _entries;

    public int Count => _entries.Length;

    public bool IsEmpty => _entries.Length == 0;

    /// <summary>Builds a clock from entries in any order; duplicate ids keep their largest counter.</summary>
    public static VectorClock From(IEnumerable<ClockEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return FromCanonical(entries) ?? FromUnordered(entries);
    }

    /// <summary>
    /// The clock of entries already in canonical form (counters positive, ids strictly increasing), copied into one
    /// array; null when they are not, or their count is not known without enumerating. Clocks read from storage and
    /// from the wire are canonical, so they skip the sort and the two lists of <see cref="FromUnordered"/>.
    /// </summary>
    private static VectorClock? FromCanonical(IEnumerable<ClockEntry> entries)
    {
        if (!entries.TryGetNonEnumeratedCount(out var count) || count == 0)
        {
            return null;
        }

        var copy = new ClockEntry[count];
        var index = 0;
        foreach (var entry in entries)
        {
            if (index == count || entry.NodeId is null || entry.Counter <= 0
                || (index > 0 && string.CompareOrdinal(copy[index - 1].NodeId, entry.NodeId) >= 0))
            {
                return null;
            }

            copy[index++] = entry;
        }

        return index == count ? new VectorClock(copy) : null;
    }

    private static VectorClock FromUnordered(IEnumerable<ClockEntry> entries)
    {
        var list = new List<ClockEntry>();
        foreach (var entry in entries)
        {
            ArgumentNullException.ThrowIfNull(entry.NodeId);
            if (entry.Counter > 0)
            {
                list.Add(entry);
            }
        }

        if (list.Count == 0)
        {
            return Empty;
        }

        list.Sort(static (a, b) => string.CompareOrdinal(a.NodeId, b.NodeId));
        var unique = new List<ClockEntry>(list.Count) { list[0] };
        for (var i = 1; i < list.Count; i++)
        {
            var last = unique[^1];
            if (string.Equals(last.NodeId, list[i].NodeId, StringComparison.Ordinal))
            {
                unique[^1] = last with { Counter = Math.Max(last.Counter, list[i].Counter) };
            }
            else
            {
                unique.Add(list[i]);
            }
        }

        return new VectorClock([.. unique]);
    }

    /// <summary>The counter for a node id (zero when absent).</summary>
    public long Get(string nodeId)
    {
        var index = IndexOf(nodeId);
        return index >= 0 ? _entries[index].Counter : 0;
    }

    /// <summary>Compares this clock with another: Before means <paramref name="other"/> dominates this one.</summary>
    public ClockOrder CompareTo(VectorClock other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var thisGreater = false;
        var otherGreater = false;
        int i = 0, j = 0;
        while (i < _entries.Length || j < other._entries.Length)
        {
            int order = i == _entries.Length ? 1
                : j == other._entries.Length ? -1
                : string.CompareOrdinal(_entries[i].NodeId, other._entries[j].NodeId);
            if (order < 0)
            {
                thisGreater = true;
                i++;
            }
            else if (order > 0)
            {
                otherGreater = true;
                j++;
            }
            else
            {
                var a = _entries[i++].Counter;
                var b = other._entries[j++].Counter;
                thisGreater |= a > b;
                otherGreater |= b > a;
            }

            if (thisGreater && otherGreater)
            {
                return ClockOrder.Concurrent;
            }
        }

        return thisGreater ? ClockOrder.After : otherGreater ? ClockOrder.Before : ClockOrder.Identical;
    }

    /// <summary>True when this clock is strictly after <paramref name="other"/>.</summary>
    public bool Dominates(VectorClock other) => CompareTo(other) == ClockOrder.After;

    /// <summary>Per-entry maximum of both clocks.</summary>
    public VectorClock Merge(VectorClock other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other._entries.Length == 0)
        {
            return this;
        }

        if (_entries.Length == 0)
        {
            return other;
        }

        var merged = new List<ClockEntry>(_entries.Length + other._entries.Length);
        int i = 0, j = 0;
        while (i < _entries.Length || j < other._entries.Length)
        {
            int order = i == _entries.Length ? 1
                : j == other._entries.Length ? -1
                : string.CompareOrdinal(_entries[i].NodeId, other._entries[j].NodeId);
            if (order < 0)
            {
                merged.Add(_entries[i++]);
            }
            else if (order > 0)
            {
                merged.Add(other._entries[j++]);
            }
            else
            {
                var a = _entries[i++];
                var b = other._entries[j++];
                merged.Add(a.Counter >= b.Counter ? a : b);
            }
        }

        return new VectorClock([.. merged]);
    }

    /// <summary>This clock with <paramref name="nodeId"/>'s counter one higher: the stamp of a new version.</summary>
    public VectorClock Increment(string nodeId)
    {
        ArgumentException.ThrowIfNullOrEmpty(nodeId);
        var index = IndexOf(nodeId);
        if (index >= 0)
        {
            var copy = (ClockEntry[])_entries.Clone();
            copy[index] = copy[index] with { Counter = copy[index].Counter + 1 };
            return new VectorClock(copy);
        }

        var insertAt = ~index;
        var grown = new ClockEntry[_entries.Length + 1];
        Array.Copy(_entries, 0, grown, 0, insertAt);
        grown[insertAt] = new ClockEntry(nodeId, 1);
        Array.Copy(_entries, insertAt, grown, insertAt + 1, _entries.Length - insertAt);
        return new VectorClock(grown);
    }

    /// <summary>
    /// Bounds the clock to <paramref name="maxEntries"/> entries by dropping the smallest counters first (the
    /// coordinators that stamped this key least), never <paramref name="keep"/>. Pruning can only turn an
    /// ordering into a concurrency (siblings resolved by last-write-wins), never make an old version look new.
    /// </summary>
    public VectorClock Prune(int maxEntries, string? keep = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEntries, 1);
        if (_entries.Length <= maxEntries)
        {
            return this;
        }

        var byCounter = (ClockEntry[])_entries.Clone();
        Array.Sort(byCounter, static (a, b) => b.Counter != a.Counter
            ? b.Counter.CompareTo(a.Counter)
            : string.CompareOrdinal(a.NodeId, b.NodeId));
        var kept = new List<ClockEntry>(maxEntries);
        if (keep is not null && IndexOf(keep) is var k and >= 0)
        {
            kept.Add(_entries[k]);
        }

        foreach (var entry in byCounter)
        {
            if (kept.Count == maxEntries)
            {
                break;
            }

            if (keep is null || !string.Equals(entry.NodeId, keep, StringComparison.Ordinal))
            {
                kept.Add(entry);
            }
        }

        return From(kept);
    }

    public bool Equals(VectorClock? other) => other is not null && CompareTo(other) == ClockOrder.Identical;

    public override bool Equals(object? obj) => obj is VectorClock other && Equals(other);

    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (var entry in _entries)
        {
            hash.Add(entry.NodeId, StringComparer.Ordinal);
            hash.Add(entry.Counter);
        }

        return hash.ToHashCode();
    }

    public override string ToString() =>
        "{" + string.Join(", ", Array.ConvertAll(_entries, static e => e.NodeId + ":" + e.Counter)) + "}";

    private int IndexOf(string nodeId)
    {
        int lo = 0, hi = _entries.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var order = string.CompareOrdinal(_entries[mid].NodeId, nodeId);
            if (order == 0)
            {
                return mid;
            }

            if (order < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return ~lo;
    }
}
