using FluentAssertions;
using FsCheck;
using FsCheck.Fluent;
using PairDb.Actors.Cores;
using PairDb.Actors.Tests.Cores.Support;
using PairDb.Messages.Ring;

namespace PairDb.Actors.Tests.Cores;

public sealed class HashRingPropertyTests
{
    private static readonly string[] NodeNames = ["n1", "n2", "n3", "n4", "n5"];

    /// <summary>Rings of 1..5 nodes with 1..6 vnodes each, so wrap-around and runs of one node's vnodes are common.</summary>
    private static readonly Gen<RingMember[]> Members =
        from count in Gen.Choose(1, NodeNames.Length)
        from vnodes in Gen.Choose(1, 6).ArrayOf(count)
        select NodeNames[..count].Select((name, i) => new RingMember(name, vnodes[i])).ToArray();

    /// <summary>Positions near vnodes (equal, one either side) as well as anywhere, to hit the boundaries.</summary>
    private static Gen<ulong> PositionFor(RingMember[] members) =>
        Gen.OneOf(
            CoreGenerators.Position,
            from member in Gen.Elements(members)
            from index in Gen.Choose(0, member.VirtualNodes - 1)
            from delta in Gen.Choose(-1, 1)
            select unchecked(RingPositions.VirtualNode(member.NodeId, index) + (ulong)(long)delta));

    private static readonly Arbitrary<(RingMember[] Members, ulong Position, int Rf)> Cases = Arb.From(
        from members in Members
        from position in PositionFor(members)
        from rf in Gen.Choose(1, 6)
        select (members, position, rf));

    [Fact]
    public void PreferenceList_AnyRing_AgreesWithLinearScanModel()
    {
        PropertyRunner.Check(31, Prop.ForAll(Cases, c =>
        {
            var ring = new HashRing(c.Members);

            var list = ring.PreferenceList(c.Position, c.Rf);

            list.Should().Equal(Model(c.Members, c.Position, c.Rf));
            list.Should().HaveCount(Math.Min(c.Rf, c.Members.Length)).And.OnlyHaveUniqueItems();
        }));
    }

    [Fact]
    public void Ranges_AnyRing_ExactlyOneRangeHoldsEachPositionWithItsPreferenceList()
    {
        PropertyRunner.Check(32, Prop.ForAll(Cases, c =>
        {
            var ring = new HashRing(c.Members);

            var holding = ring.Ranges(c.Rf).Where(r => r.Range.Contains(c.Position)).ToList();

            holding.Should().ContainSingle();
            holding[0].Replicas.Should().Equal(ring.PreferenceList(c.Position, c.Rf));
        }));
    }

    [Fact]
    public void OwnedRanges_AnyRing_HoldEveryPositionTheNodeReplicates()
    {
        PropertyRunner.Check(33, Prop.ForAll(Cases, c =>
        {
            var ring = new HashRing(c.Members);
            var node = c.Members[0].NodeId;

            var inOwned = ring.OwnedRanges(node, c.Rf).Any(r => r.Range.Contains(c.Position));

            inOwned.Should().Be(ring.PreferenceList(c.Position, c.Rf).Contains(node));
        }));
    }

    [Fact]
    public void PreferenceList_AddingANode_OnlyLetsTheNewNodeIn()
    {
        PropertyRunner.Check(34, Prop.ForAll(Cases, c =>
        {
            var before = new HashRing(c.Members);
            var after = new HashRing([.. c.Members, new RingMember("new", 3)]);

            var oldList = before.PreferenceList(c.Position, c.Rf);
            var newList = after.PreferenceList(c.Position, c.Rf);

            var withoutNew = Array.FindAll(newList, n => n != "new");
            oldList[..withoutNew.Length].Should().Equal(withoutNew);
            if (newList[0] != oldList[0])
            {
                newList[0].Should().Be("new");
            }
        }));
    }

    /// <summary>Independent model: sort every vnode, scan linearly from the key, collect distinct owners.</summary>
    private static List<string> Model(RingMember[] members, ulong position, int rf)
    {
        var vnodes = new List<(ulong Position, string Node)>();
        foreach (var member in members)
        {
            for (var i = 0; i < member.VirtualNodes; i++)
            {
                vnodes.Add((RingPositions.VirtualNode(member.NodeId, i), member.NodeId));
            }
        }

        vnodes.Sort((x, y) => x.Position != y.Position ? x.Position.CompareTo(y.Position) : string.CompareOrdinal(x.Node, y.Node));
        var start = vnodes.FindIndex(v => v.Position >= position);
        start = start < 0 ? 0 : start;
        var result = new List<string>();
        for (var step = 0; step < vnodes.Count && result.Count < rf; step++)
        {
            var node = vnodes[(start + step) % vnodes.Count].Node;
            if (!result.Contains(node))
            {
                result.Add(node);
            }
        }

        return result;
    }
}
