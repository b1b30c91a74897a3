using PairDb.Messages.Ring;

namespace PairDb.Storage.Engine;

/// <summary>
/// Accumulates a range's digest: each key lands in the arc <see cref="RingLeaves"/> assigns its position to, and is
/// XORed into it, so the result does not depend on the order keys are added in.
/// </summary>
internal sealed class RangeDigest
{
    private readonly RingRange _range;
    private readonly int _leaves;
    private readonly ArcDigest[] _arcs;

    /// <param name="range">The range the keys come from.</param>
    /// <param name="leaves">Arcs asked for (at least 1); clamped to the range's width by <see cref="RingLeaves.Count"/>.</param>
    public RangeDigest(RingRange range, int leaves)
    {
        _range = range;
        _leaves = RingLeaves.Count(range, leaves);
        _arcs = new ArcDigest[_leaves];
    }

    /// <summary>Adds a key at <paramref name="position"/> (inside the range) with hash <paramref name="hash"/>.</summary>
    public void Add(ulong position, ulong hash)
    {
        var index = RingLeaves.IndexOf(_range, _leaves, position);
        var arc = _arcs[index];
        _arcs[index] = new ArcDigest(arc.Hash ^ hash, arc.Keys + 1);
    }

    /// <summary>The arcs in ring order from the range's start.</summary>
    public IReadOnlyList<ArcDigest> Arcs => _arcs;
}
