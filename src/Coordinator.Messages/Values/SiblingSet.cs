namespace PairDb.Messages.Values;

/// <summary>
/// Pure merge rules for a key's versions. A sibling set holds only versions that no other version dominates
/// (an antichain under clock order). Merging is commutative, associative and idempotent: the result of merging
/// any collection of versions, in any order, is the set of its maximal versions, sorted winner first.
/// </summary>
public static class SiblingSet
{
    /// <summary>Outcome of merging one version into a stored set.</summary>
    public readonly record struct MergeResult(IReadOnlyList<VersionedValue> Versions, bool Applied);

    /// <summary>
    /// Merges <paramref name="incoming"/> into <paramref name="stored"/> (which must already be a sibling set):
    /// dropped when a stored version dominates it or carries the same clock and wins last-write-wins; otherwise it
    /// replaces every stored version it dominates (or that has its clock) and stands beside the concurrent ones.
    /// </summary>
    public static MergeResult Merge(IReadOnlyList<VersionedValue> stored, VersionedValue incoming)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(incoming);
        for (var i = 0; i < stored.Count; i++)
        {
            var order = incoming.Clock.CompareTo(stored[i].Clock);
            if (order == ClockOrder.Before
                || (order == ClockOrder.Identical && VersionedValue.CompareLastWriteWins(incoming, stored[i]) <= 0))
            {
                return new MergeResult(stored, false);
            }
        }

        var result = new List<VersionedValue>(stored.Count + 1) { incoming };
        for (var i = 0; i < stored.Count; i++)
        {
            var order = incoming.Clock.CompareTo(stored[i].Clock);
            if (order == ClockOrder.Concurrent)
            {
                result.Add(stored[i]);
            }
        }

        result.Sort(static (a, b) => VersionedValue.CompareLastWriteWins(b, a));
        return new MergeResult(result, true);
    }

    /// <summary>
    /// The condition of a conditional write: true when every stored version is either strictly dominated by
    /// <paramref name="incoming"/>'s clock or is <paramref name="incoming"/> itself (the same write, already delivered
    /// by read repair, a hint or anti-entropy), or nothing is stored. An identical clock on anything but the very same
    /// version does not count: a reused clock may carry another value.
    /// </summary>
    public static bool DominatesAll(IReadOnlyList<VersionedValue> stored, VersionedValue incoming)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(incoming);
        for (var i = 0; i < stored.Count; i++)
        {
            var order = incoming.Clock.CompareTo(stored[i].Clock);
            if (order != ClockOrder.After && !(order == ClockOrder.Identical && incoming.Equals(stored[i])))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Merges any versions into one sibling set (winner first).</summary>
    public static IReadOnlyList<VersionedValue> MergeAll(IEnumerable<VersionedValue> versions)
    {
        ArgumentNullException.ThrowIfNull(versions);
        IReadOnlyList<VersionedValue> set = [];
        foreach (var version in versions)
        {
            set = Merge(set, version).Versions;
        }

        return set;
    }

    /// <summary>The last-write-wins winner of a non-empty sibling set.</summary>
    public static VersionedValue Winner(IReadOnlyList<VersionedValue> siblings)
    {
        ArgumentNullException.ThrowIfNull(siblings);
        if (siblings.Count == 0)
        {
            throw new ArgumentException("A sibling set with no versions has no winner.", nameof(siblings));
        }

        var winner = siblings[0];
        for (var i = 1; i < siblings.Count; i++)
        {
            if (VersionedValue.CompareLastWriteWins(siblings[i], winner) > 0)
            {
                winner = siblings[i];
            }
        }

        return winner;
    }

    /// <summary>The merge of every sibling's clock: a write stamped from it dominates all of them.</summary>
    public static VectorClock MergedClock(IReadOnlyList<VersionedValue> siblings)
    {
        ArgumentNullException.ThrowIfNull(siblings);
        var clock = VectorClock.Empty;
        for (var i = 0; i < siblings.Count; i++)
        {
            clock = clock.Merge(siblings[i].Clock);
        }

        return clock;
    }
}
