using FluentAssertions;
using PairDb.Actors.Cores;

namespace PairDb.Actors.Tests.Cores;

public sealed class RingSharesTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Of_ThreeNodes_SharesAddUpToTheFactorAndEachIsAtMostOne(int factor)
    {
        var ring = new HashRing([new("a"), new("b"), new("c")]);

        var shares = RingShares.Of(ring, factor);

        shares.Keys.Should().BeEquivalentTo("a", "b", "c");
        shares.Values.Sum().Should().BeApproximately(factor, 1e-9);
        shares.Values.Should().OnlyContain(s => s > 0 && s <= 1 + 1e-9);
    }

    [Fact]
    public void Of_FactorAtLeastTheNodeCount_EveryNodeHoldsTheWholeRing()
    {
        var shares = RingShares.Of(new HashRing([new("a", 3), new("b", 5)]), 5);

        shares.Values.Should().AllSatisfy(s => s.Should().BeApproximately(1, 1e-9));
    }

    [Fact]
    public void Of_OneNodeOneVnode_HoldsTheWholeRingAlone()
    {
        var shares = RingShares.Of(new HashRing([new("a", 1)]), 1);

        shares.Should().ContainSingle().Which.Value.Should().BeApproximately(1, 1e-9);
    }

    [Fact]
    public void Of_PrimaryShares_MatchWhereSampledKeysLand()
    {
        var ring = new HashRing([new("a", 10), new("b", 40), new("c", 100)]);
        var random = new Random(7);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        const int Samples = 20_000;
        for (var i = 0; i < Samples; i++)
        {
            var owner = ring.PreferenceList((ulong)random.NextInt64() * 2, 1)[0];
            counts[owner] = counts.GetValueOrDefault(owner) + 1;
        }

        var shares = RingShares.Of(ring, 1);

        foreach (var (node, share) in shares)
        {
            ((double)counts.GetValueOrDefault(node) / Samples).Should().BeApproximately(share, 0.02, "node {0}", node);
        }
    }
}
