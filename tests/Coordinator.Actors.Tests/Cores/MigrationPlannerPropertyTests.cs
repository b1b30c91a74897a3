using FluentAssertions;
using FsCheck;
using FsCheck.Fluent;
using PairDb.Actors.Cores;
using PairDb.Actors.Tests.Cores.Support;
using PairDb.Messages.Ring;

namespace PairDb.Actors.Tests.Cores;

public sealed class MigrationPlannerPropertyTests
{
    private static readonly string[] NodeNames = ["n1", "n2", "n3", "n4", "n5", "n6"];

    private static readonly Gen<RingMember[]> Members =
        from count in Gen.Choose(0, NodeNames.Length)
        from picked in Gen.Shuffle(NodeNames)
        from vnodes in Gen.Choose(1, 5).ArrayOf(count)
        select picked.Take(count).Select((name, i) => new RingMember(name, vnodes[i])).ToArray();

    private static readonly Arbitrary<(RingMember[] Before, RingMember[] After, int RfBefore, int RfAfter, ulong[] Positions)> Cases = Arb.From(
        from before in Members
        from after in Members
        from rfBefore in Gen.Choose(1, 4)
        from rfAfter in Gen.Choose(1, 4)
        from positions in CoreGenerators.Position.ArrayOf(40)
        select (before, after, rfBefore, rfAfter, positions));

    [Fact]
    public void Plan_AnyChange_EachKeyGoesToExactlyTheNodesThatGainIt()
    {
        PropertyRunner.Check(71, maxTest: 100, property: Prop.ForAll(Cases, c =>
        {
            var before = new HashRing(c.Before);
            var after = new HashRing(c.After);

            var plan = MigrationPlanner.Plan(before, after, [new TenantPlacement("t", c.RfBefore, c.RfAfter)]);

            foreach (var position in c.Positions.Concat(VnodePositions(c.Before)).Concat(VnodePositions(c.After)))
            {
                var old = Pref(before, position, c.RfBefore);
                var next = Pref(after, position, c.RfAfter);
                var holding = plan.Transfers.Where(t => Contains(t.Start, t.End, position)).ToList();
                holding.Select(t => t.Target).Should().BeEquivalentTo(next.Except(old), "position {0}", position);
                var sources = old.OrderBy(n => n, StringComparer.Ordinal).ToArray();
                holding.Where(t => !t.Sources.SequenceEqual(sources)).Should().BeEmpty("every transfer copies from all current replicas");
                plan.Cleanups.Where(x => Contains(x.Start, x.End, position)).Select(x => x.Node)
                    .Should().BeEquivalentTo(old.Except(next), "position {0}", position);
            }
        }));
    }

    [Fact]
    public void Plan_SameRingAndFactor_MovesNothing()
    {
        PropertyRunner.Check(72, Prop.ForAll(Cases, c =>
        {
            var ring = new HashRing(c.Before);

            var plan = MigrationPlanner.Plan(ring, ring, [new TenantPlacement("t", c.RfBefore, c.RfBefore)]);

            plan.Transfers.Should().BeEmpty();
            plan.Cleanups.Should().BeEmpty();
        }));
    }

    [Fact]
    public void Plan_AddingANode_OnlyTheNewNodeReceivesAndRangesAreMerged()
    {
        var before = new HashRing([new("a"), new("b"), new("c")]);
        var after = new HashRing([new("a"), new("b"), new("c"), new("d")]);

        var plan = MigrationPlanner.Plan(before, after, [new TenantPlacement("t1", 2, 2), new TenantPlacement("t2", 3, 3)]);

        plan.Transfers.Should().NotBeEmpty().And.OnlyContain(t => t.Target == "d");
        plan.Cleanups.Should().NotBeEmpty().And.OnlyContain(x => x.Node != "d");
        plan.Transfers.Select(t => t.TenantId).Distinct().Should().BeEquivalentTo("t1", "t2");
        plan.Transfers.Select(t => t.Id).Should().OnlyHaveUniqueItems();
        plan.Transfers.Count(t => t.TenantId == "t1").Should().BeLessThan(2 * 150, "adjacent segments with the same sources are merged");
    }

    [Fact]
    public void Plan_RaisingTheFactor_KeepsTheRingAndAddsOneReplicaPerRange()
    {
        var ring = new HashRing([new("a"), new("b"), new("c")]);

        var plan = MigrationPlanner.Plan(ring, ring, [new TenantPlacement("t", 2, 3)]);

        plan.Cleanups.Should().BeEmpty();
        plan.Transfers.Should().OnlyContain(t => t.Sources.Count == 2 && !t.Sources.Contains(t.Target));
    }

    [Fact]
    public void Plan_OneNodeRingToAnother_TransfersTheWholeRing()
    {
        var plan = MigrationPlanner.Plan(new HashRing([new("a", 1)]), new HashRing([new("b", 1)]), [new TenantPlacement("t", 1, 1)]);

        plan.Transfers.Should().ContainSingle("the two segments close the circle into one whole-ring range");
        plan.Transfers[0].Start.Should().Be(plan.Transfers[0].End);
        plan.Transfers.Should().OnlyContain(t => t.Target == "b" && t.Sources.SequenceEqual(new[] { "a" }));
        plan.Cleanups.Should().OnlyContain(x => x.Node == "a");
    }

    private static string[] Pref(HashRing ring, ulong position, int rf) => ring.NodeCount == 0 ? [] : ring.PreferenceList(position, rf);

    private static bool Contains(ulong start, ulong end, ulong position) => new RingRange(start, end).Contains(position);

    private static IEnumerable<ulong> VnodePositions(RingMember[] members) =>
        members.SelectMany(m => Enumerable.Range(0, m.VirtualNodes).SelectMany(i =>
        {
            var p = RingPositions.VirtualNode(m.NodeId, i);
            return new[] { p, unchecked(p + 1), unchecked(p - 1) };
        }));
}
