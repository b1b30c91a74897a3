using FluentAssertions;
using PairDb.Actors.Cores;

namespace PairDb.Actors.Tests.Cores;

public sealed class HashRingTests
{
    private static readonly HashRing ThreeNodes = new([new RingMember("storage-1"), new RingMember("storage-2"), new RingMember("storage-3")]);

    // Two nodes with two vnodes each. Positions computed independently (python hashlib, first 8 bytes big-endian):
    // a-vnode-0 1218877499912790012, b-vnode-0 12331676843757598888, a-vnode-1 14246522134911658642, b-vnode-1 17950127544155773562.
    private static readonly HashRing Small = new([new RingMember("a", 2), new RingMember("b", 2)]);

    [Theory]
    [InlineData("default", "hello", new[] { "storage-1", "storage-3", "storage-2" })]
    [InlineData("default", "world", new[] { "storage-1", "storage-2", "storage-3" })]
    [InlineData("acme", "user/42", new[] { "storage-3", "storage-2", "storage-1" })]
    public void PreferenceList_KnownKeys_MatchIndependentModel(string tenant, string key, string[] expected)
    {
        // Expected lists computed by an independent python model of the same ring (150 vnodes per node).
        ThreeNodes.PreferenceList(tenant, key, 3).Should().Equal(expected);
        ThreeNodes.PreferenceList(tenant, key, 2).Should().Equal(expected[..2]);
        ThreeNodes.PreferenceList(tenant, key, 1).Should().Equal(expected[..1]);
    }

    [Fact]
    public void PreferenceList_RfAboveNodeCount_ReturnsEveryNodeOnce()
    {
        var list = ThreeNodes.PreferenceList("default", "hello", 10);

        list.Should().HaveCount(3).And.OnlyHaveUniqueItems();
        list.Should().BeEquivalentTo(["storage-1", "storage-2", "storage-3"]);
    }

    [Fact]
    public void PreferenceList_EmptyRing_ReturnsEmpty()
    {
        HashRing.Empty.PreferenceList("default", "hello", 3).Should().BeEmpty();
        HashRing.Empty.Ranges(3).Should().BeEmpty();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void PreferenceList_RfBelowOne_Throws(int rf)
    {
        var act = () => ThreeNodes.PreferenceList("default", "hello", rf);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Theory]
    [InlineData(0UL, "a")]
    [InlineData(1218877499912790012UL, "a")]
    [InlineData(1218877499912790013UL, "b")]
    [InlineData(12331676843757598888UL, "b")]
    [InlineData(12331676843757598889UL, "a")]
    [InlineData(14246522134911658643UL, "b")]
    [InlineData(17950127544155773562UL, "b")]
    [InlineData(17950127544155773563UL, "a")]
    [InlineData(ulong.MaxValue, "a")]
    public void PreferenceList_Positions_FirstVnodeAtOrAfterWithWrapAround(ulong position, string primary)
    {
        var list = Small.PreferenceList(position, 2);

        list.Should().Equal(primary, primary == "a" ? "b" : "a");
    }

    [Fact]
    public void PreferenceList_SameInput_ReturnsFreshArrays()
    {
        var first = ThreeNodes.PreferenceList("default", "hello", 3);
        var second = ThreeNodes.PreferenceList("default", "hello", 3);

        second.Should().Equal(first).And.NotBeSameAs(first);
    }

    [Fact]
    public void Constructor_Members_ExposesCounts()
    {
        Small.NodeCount.Should().Be(2);
        Small.VirtualNodeCount.Should().Be(4);
        Small.Members.Should().Equal(new RingMember("a", 2), new RingMember("b", 2));
        ThreeNodes.VirtualNodeCount.Should().Be(3 * HashRing.DefaultVirtualNodes);
    }

    [Fact]
    public void Constructor_DuplicateNode_Throws()
    {
        var act = () => new HashRing([new RingMember("a"), new RingMember("b"), new RingMember("a", 3)]);

        act.Should().Throw<ArgumentException>().WithMessage("*a appears twice*");
    }

    [Theory]
    [InlineData("a", 0)]
    [InlineData("a", -1)]
    [InlineData("", 5)]
    [InlineData(null, 5)]
    public void Constructor_InvalidMember_Throws(string? nodeId, int virtualNodes)
    {
        var act = () => new HashRing([new RingMember(nodeId!, virtualNodes)]);

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Constructor_MemberOrder_DoesNotChangePlacement()
    {
        var reversed = new HashRing([new RingMember("storage-3"), new RingMember("storage-2"), new RingMember("storage-1")]);

        for (var i = 0; i < 1000; i++)
        {
            reversed.PreferenceList("t", "k" + i, 3).Should().Equal(ThreeNodes.PreferenceList("t", "k" + i, 3));
        }
    }

    [Fact]
    public void PreferenceList_ThreeNodes150Vnodes_SpreadsKeysRoughlyEvenly()
    {
        var counts = new Dictionary<string, int>();
        const int Keys = 30_000;

        for (var i = 0; i < Keys; i++)
        {
            var primary = ThreeNodes.PreferenceList("default", "key-" + i, 1)[0];
            counts[primary] = counts.GetValueOrDefault(primary) + 1;
        }

        counts.Should().HaveCount(3);
        foreach (var (node, count) in counts)
        {
            ((double)count / Keys).Should().BeInRange(0.25, 0.42, $"{node} owns {count} of {Keys} keys");
        }
    }

    [Fact]
    public void PreferenceList_AddingFourthNode_MovesAboutAQuarterOfKeysAllToTheNewNode()
    {
        var four = new HashRing([.. ThreeNodes.Members, new RingMember("storage-4")]);
        const int Keys = 30_000;
        var moved = 0;

        for (var i = 0; i < Keys; i++)
        {
            var key = "key-" + i;
            var before = ThreeNodes.PreferenceList("default", key, 3);
            var after = four.PreferenceList("default", key, 3);
            if (before[0] != after[0])
            {
                moved++;
                after[0].Should().Be("storage-4", $"{key} moved from {before[0]} to another old node");
            }

            // Replica sets change only by letting the new node in: without it, the new list is the old one's prefix.
            var withoutNew = Array.FindAll(after, n => n != "storage-4");
            before[..withoutNew.Length].Should().Equal(withoutNew);
        }

        ((double)moved / Keys).Should().BeInRange(0.15, 0.35);
    }

    [Fact]
    public void Ranges_SmallRing_PartitionsRingWithPreferenceLists()
    {
        var ranges = Small.Ranges(2);

        ranges.Select(r => (r.Range.Start, r.Range.End, r.Replicas[0])).Should().Equal(
            (17950127544155773562UL, 1218877499912790012UL, "a"),
            (1218877499912790012UL, 12331676843757598888UL, "b"),
            (12331676843757598888UL, 14246522134911658642UL, "a"),
            (14246522134911658642UL, 17950127544155773562UL, "b"));
        ranges.Should().OnlyContain(r => r.Replicas.Count == 2 && !r.Range.IsWholeRing);
    }

    [Fact]
    public void Ranges_OneVnode_CoversWholeRing()
    {
        var ring = new HashRing([new RingMember("solo", 1)]);

        var ranges = ring.Ranges(3);

        ranges.Should().ContainSingle();
        ranges[0].Range.IsWholeRing.Should().BeTrue();
        ranges[0].Range.Contains(0).Should().BeTrue();
        ranges[0].Range.Contains(ulong.MaxValue).Should().BeTrue();
        ranges[0].Range.Contains(ranges[0].Range.End).Should().BeTrue();
        ranges[0].Replicas.Should().Equal("solo");
    }

    [Fact]
    public void OwnedRanges_ThreeNodes_AreExactlyTheRangesListingTheNode()
    {
        var all = ThreeNodes.Ranges(2);

        var owned = ThreeNodes.OwnedRanges("storage-2", 2);

        owned.Should().OnlyContain(r => r.Replicas.Contains("storage-2"));
        owned.Should().HaveCount(all.Count(r => r.Replicas.Contains("storage-2")));
        owned.Count.Should().BeInRange(all.Count / 2, all.Count * 5 / 6, "with RF 2 of 3 a node holds about two thirds");
        ThreeNodes.OwnedRanges("storage-2", 3).Should().HaveCount(all.Count);
        ThreeNodes.OwnedRanges("unknown", 3).Should().BeEmpty();
    }
}
