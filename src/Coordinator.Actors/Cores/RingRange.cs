namespace PairDb.Actors.Cores;

/// <summary>
/// A half-open arc (Start, End] of ring positions whose keys share one preference list. The arc wraps past
/// <see cref="ulong.MaxValue"/> when End is not above Start; Start == End is the whole ring (a single position).
/// </summary>
public readonly record struct RingRange(ulong Start, ulong End, IReadOnlyList<string> Replicas)
{
    /// <summary>True when the arc covers every position (the ring has one distinct vnode position).</summary>
    public bool IsWholeRing => Start == End;

    /// <summary>Whether a key at <paramref name="position"/> falls in this arc.</summary>
    public bool Contains(ulong position) =>
        Start < End ? position > Start && position <= End : position > Start || position <= End;
}
