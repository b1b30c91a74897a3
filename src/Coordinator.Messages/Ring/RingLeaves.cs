namespace PairDb.Messages.Ring;

/// <summary>
/// Cuts a ring range into equal arcs, the leaves of an anti-entropy digest: storage nodes bucket keys by it and
/// coordinators descend into a differing leaf by it, so both sides agree on every boundary.
/// </summary>
/// <remarks>
/// A range (Start, End] of width W positions (2^64 for the whole ring) cut into L leaves has boundaries
/// b_i = Start + floor(W * i / L); leaf i is (b_i, b_i+1]. L is clamped to W, so no leaf is empty.
/// </remarks>
public static class RingLeaves
{
    private static readonly UInt128 WholeRing = (UInt128)ulong.MaxValue + 1;

    /// <summary>Number of positions in the range.</summary>
    public static UInt128 Width(RingRange range) =>
        range.IsWholeRing ? WholeRing : (UInt128)unchecked(range.End - range.Start);

    /// <summary>The number of leaves a request for <paramref name="leaves"/> gets: at least 1, at most the width.</summary>
    public static int Count(RingRange range, int leaves)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(leaves, 1);
        var width = Width(range);
        return width < (UInt128)leaves ? (int)width : leaves;
    }

    /// <summary>Leaf <paramref name="index"/> of the range cut into <paramref name="leaves"/> (as clamped by <see cref="Count"/>).</summary>
    public static RingRange Leaf(RingRange range, int leaves, int index)
    {
        var count = Count(range, leaves);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, count);
        var width = Width(range);
        var low = unchecked(range.Start + (ulong)(width * (UInt128)index / (UInt128)count));
        var high = unchecked(range.Start + (ulong)(width * (UInt128)(index + 1) / (UInt128)count));
        return new RingRange(low, high);
    }

    /// <summary>
    /// The leaf holding <paramref name="position"/>, which must lie in the range: the smallest i with
    /// offset &lt;= floor(W * (i + 1) / L), where offset = position - Start (W for Start itself on the whole ring).
    /// </summary>
    public static int IndexOf(RingRange range, int leaves, ulong position)
    {
        if (!range.Contains(position))
        {
            throw new ArgumentOutOfRangeException(nameof(position), position, "The position is outside the range.");
        }

        var count = Count(range, leaves);
        var width = Width(range);
        var offset = (UInt128)unchecked(position - range.Start);
        if (offset == 0)
        {
            offset = width;
        }

        // ceil(offset * L / W) - 1
        var scaled = offset * (UInt128)count;
        var index = (scaled + width - 1) / width - 1;
        return (int)index;
    }
}
