using FluentAssertions;
using PairDb.Actors.Cores;
using PairDb.Messages.Ring;
using PairDb.Messages.Values;

namespace PairDb.Actors.Tests.Cores.AntiEntropy;

public sealed class RepairWorkPlannerTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UnixEpoch;

    [Fact]
    public void Plan_TenantsOfOneFactor_RangesTileTheRingOnceWithTheirReplicas()
    {
        var ring = new HashRing([new RingMember("a", 20), new RingMember("b", 20), new RingMember("c", 20), new RingMember("d", 20)]);

        var plan = RepairWorkPlanner.Plan(ring, [Tenant("t1", 2), Tenant("t2", 2)]);

        plan.Should().OnlyContain(i => i.Key.ReplicationFactor == 2 && i.TenantIds.SequenceEqual(new[] { "t1", "t2" }));
        UInt128 covered = 0;
        foreach (var item in plan)
        {
            covered += RingLeaves.Width(item.Range);
            item.Replicas.Should().HaveCount(2);
            foreach (var probe in new[] { unchecked(item.Key.Start + 1), item.Key.End })
            {
                ring.PreferenceList(probe, 2).Order(StringComparer.Ordinal).Should().Equal(item.Replicas);
            }
        }

        covered.Should().Be((UInt128)ulong.MaxValue + 1);
    }

    [Fact]
    public void Plan_EveryArcHasTheSameReplicas_JoinsAtMostTheCapOfArcs()
    {
        var ring = new HashRing([new RingMember("a", 100), new RingMember("b", 100), new RingMember("c", 100)]);

        var plan = RepairWorkPlanner.Plan(ring, [Tenant("t", 3)]);

        plan.Should().HaveCount((300 + RepairWorkPlanner.MaxArcsPerRange - 1) / RepairWorkPlanner.MaxArcsPerRange);
        plan.Should().OnlyContain(i => i.Replicas.SequenceEqual(new[] { "a", "b", "c" }));
    }

    [Fact]
    public void Plan_OneNodeOneArc_TheWholeRing()
    {
        var plan = RepairWorkPlanner.Plan(new HashRing([new RingMember("a", 1)]), [Tenant("t", 3)]);

        plan.Should().ContainSingle().Which.Range.IsWholeRing.Should().BeTrue();
        plan[0].Key.ReplicationFactor.Should().Be(1, "a factor above the node count is capped at it");
    }

    [Fact]
    public void Plan_TwoFactors_OneGroupOfRangesEach()
    {
        var ring = new HashRing([new RingMember("a", 10), new RingMember("b", 10), new RingMember("c", 10)]);

        var plan = RepairWorkPlanner.Plan(ring, [Tenant("x", 1), Tenant("y", 3), Tenant("z", 1)]);

        plan.Select(i => i.Key.ReplicationFactor).Distinct().Should().BeEquivalentTo([1, 3]);
        plan.Where(i => i.Key.ReplicationFactor == 1).Should().OnlyContain(i => i.TenantIds.SequenceEqual(new[] { "x", "z" }) && i.Replicas.Count == 1);
        plan.Where(i => i.Key.ReplicationFactor == 3).Should().OnlyContain(i => i.TenantIds.SequenceEqual(new[] { "y" }));
    }

    [Fact]
    public void Plan_EmptyRingOrNoTenants_Nothing()
    {
        RepairWorkPlanner.Plan(HashRing.Empty, [Tenant("t", 1)]).Should().BeEmpty();
        RepairWorkPlanner.Plan(new HashRing([new RingMember("a", 4)]), []).Should().BeEmpty();
    }

    private static Tenant Tenant(string id, int factor) => new(id, factor, Now, Now, 1);
}
