namespace PairDb.Messages.Ring;

/// <summary>
/// The half-open ring interval (Start, End] of positions, wrapping past <see cref="ulong.MaxValue"/> when End is not
/// above Start; Start == End means the whole ring.
/// </summary>
public readonly record struct RingRange(ulong Start, ulong End)
{
    /// <summary>The whole ring.</summary>
    public static RingRange All => new(0, 0);

    /// <summary>True when the range covers every position.</summary>
    public bool IsWholeRing => Start == End;

    /// <summary>True when <paramref name="position"/> lies in the range.</summary>
    public bool Contains(ulong position) =>
        Start == End
        || (Start < End ? position > Start && position <= End : position > Start || position <= End);

    /// <summary>
    /// The range as at most two inclusive, non-wrapping intervals [Low, High], in ring order from Start, so a scan
    /// visits positions clockwise.
    /// </summary>
    public int ToSegments(Span<(ulong Low, ulong High)> segments)
    {
        if (segments.Length < 2)
        {
            throw new ArgumentException("Room for two segments is required.", nameof(segments));
        }

        if (Start == End)
        {
            segments[0] = (0, ulong.MaxValue);
            return 1;
        }

        if (Start < End)
        {
            segments[0] = (Start + 1, End);
            return 1;
        }

        if (Start == ulong.MaxValue)
        {
            segments[0] = (0, End);
            return 1;
        }

        segments[0] = (Start + 1, ulong.MaxValue);
        segments[1] = (0, End);
        return 2;
    }
}
