using System.Collections.ObjectModel;
using System.Globalization;

namespace PairDb.Client;

/// <summary>
/// A vector clock as the coordinator reports it: one counter per coordinator node id (a missing id counts 0). Pass
/// the clock of a read back as a write's <see cref="PairDbWriteOptions.Context"/> or
/// <see cref="PairDbWriteOptions.IfClock"/>. Immutable; equal when every counter is equal.
/// </summary>
public sealed class PairDbClock : IEquatable<PairDbClock>
{
    private readonly SortedDictionary<string, long> _entries;

    /// <summary>Creates a clock from (coordinator node id, counter) pairs; an id given twice keeps its larger counter.</summary>
    public PairDbClock(IEnumerable<KeyValuePair<string, long>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        _entries = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (node, counter) in entries)
        {
            ArgumentException.ThrowIfNullOrEmpty(node, nameof(entries));
            _entries[node] = _entries.TryGetValue(node, out var existing) ? Math.Max(existing, counter) : counter;
        }

        Entries = new ReadOnlyDictionary<string, long>(_entries);
    }

    /// <summary>The clock with no entries: as an if-clock, "the key has no version"; as a context, "I saw nothing".</summary>
    public static PairDbClock Empty { get; } = new([]);

    /// <summary>Counter per coordinator node id, ordered by id.</summary>
    public IReadOnlyDictionary<string, long> Entries { get; }

    /// <summary>True when the clock has no entries.</summary>
    public bool IsEmpty => _entries.Count == 0;

    /// <summary>The clock that covers both: the larger counter of every node id.</summary>
    public PairDbClock Merge(PairDbClock other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new PairDbClock(_entries.Concat(other._entries));
    }

    /// <inheritdoc />
    public bool Equals(PairDbClock? other) =>
        other is not null && _entries.Count == other._entries.Count
        && _entries.All(e => other._entries.TryGetValue(e.Key, out var counter) && counter == e.Value);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as PairDbClock);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (var (node, counter) in _entries)
        {
            hash.Add(node, StringComparer.Ordinal);
            hash.Add(counter);
        }

        return hash.ToHashCode();
    }

    /// <summary>The entries as "node:counter" pairs ordered by node id, e.g. "coord-1:3,coord-2:1".</summary>
    public override string ToString() =>
        string.Join(",", _entries.Select(static e => e.Key + ":" + e.Value.ToString(CultureInfo.InvariantCulture)));
}
