using PairDb.Messages.Ring;

namespace PairDb.Messages.Tests.Ring;

public sealed class RingLeavesTests
{
    public static TheoryData<ulong, ulong, int> Ranges => new()
    {
        { 0, 0, 16 },
        { 100, 100, 7 },
        { 10, 1_000, 10 },
        { 10, 13, 10 },
        { ulong.MaxValue - 5, 20, 4 },
        { ulong.MaxValue, 3, 64 },
        { 5, 4, 1 },
    };

    [Theory]
    [MemberData(nameof(Ranges))]
    public void Leaves_tile_the_range_in_ring_order(ulong start, ulong end, int leaves)
    {
        var range = new RingRange(start, end);
        var count = RingLeaves.Count(range, leaves);
        var cursor = start;
        UInt128 total = 0;
        for (var i = 0; i < count; i++)
        {
            var leaf = RingLeaves.Leaf(range, leaves, i);
            Assert.Equal(cursor, leaf.Start);
            Assert.False(leaf.IsWholeRing && count > 1);
            total += RingLeaves.Width(leaf);
            cursor = leaf.End;
        }

        Assert.Equal(end, cursor);
        Assert.Equal(RingLeaves.Width(range), total);
    }

    [Theory]
    [MemberData(nameof(Ranges))]
    public void Every_position_falls_in_the_leaf_that_contains_it(ulong start, ulong end, int leaves)
    {
        var range = new RingRange(start, end);
        var count = RingLeaves.Count(range, leaves);
        var random = new Random(7);
        var probes = new List<ulong> { unchecked(start + 1), end, start };
        for (var i = 0; i < 200; i++)
        {
            probes.Add((ulong)random.NextInt64() * 2 + (ulong)random.Next(2));
        }

        for (var i = 0; i < count; i++)
        {
            var leaf = RingLeaves.Leaf(range, leaves, i);
            probes.Add(leaf.End);
            probes.Add(unchecked(leaf.Start + 1));
        }

        foreach (var position in probes.Where(range.Contains))
        {
            var index = RingLeaves.IndexOf(range, leaves, position);
            Assert.True(RingLeaves.Leaf(range, leaves, index).Contains(position), $"position {position} leaf {index}");
        }
    }

    [Fact]
    public void A_range_narrower_than_the_leaves_asked_gets_one_leaf_per_position()
    {
        var range = new RingRange(10, 13);
        Assert.Equal(3, RingLeaves.Count(range, 10));
        Assert.Equal(new RingRange(11, 12), RingLeaves.Leaf(range, 10, 1));
    }

    [Fact]
    public void A_position_outside_the_range_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RingLeaves.IndexOf(new RingRange(10, 20), 4, 25));
        Assert.Throws<ArgumentOutOfRangeException>(() => RingLeaves.Count(new RingRange(10, 20), 0));
    }
}
