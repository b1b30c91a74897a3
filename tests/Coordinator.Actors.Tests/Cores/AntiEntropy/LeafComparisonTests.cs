using FluentAssertions;
using PairDb.Actors.Cores;
using PairDb.Actors.Ports;

namespace PairDb.Actors.Tests.Cores.AntiEntropy;

public sealed class LeafComparisonTests
{
    [Fact]
    public void Differing_HashOrCountDiffersOnAnyReplica_ThatLeaf()
    {
        LeafDigest[] a = [new(1, 1), new(2, 2), new(3, 3), new(0, 0)];
        LeafDigest[] b = [new(1, 1), new(9, 2), new(3, 3), new(0, 0)];
        LeafDigest[] c = [new(1, 1), new(2, 2), new(3, 3), new(5, 1)];

        LeafComparison.Differing([a, b, c]).Should().Equal(1, 3);
        LeafComparison.Differing([a, a, a]).Should().BeEmpty();
        LeafComparison.MostKeys([a, b, c], 3).Should().Be(1);
    }

    [Fact]
    public void Differing_ReplicasAnsweredDifferentLeafCounts_Refused()
    {
        var act = () => LeafComparison.Differing([[new LeafDigest(1, 1)], [new LeafDigest(1, 1), new LeafDigest(0, 0)]]);

        act.Should().Throw<ArgumentException>().WithMessage("*1 and 2 leaves*");
    }
}
