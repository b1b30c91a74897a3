using FluentAssertions;
using FsCheck.Fluent;
using PairDb.Actors.Cores;
using PairDb.Actors.Tests.Cores.Support;
using PairDb.Actors.Tests.Domain.Support;
using PairDb.Messages.Values;

namespace PairDb.Actors.Tests.Cores;

public sealed class WriteStampTests
{
    private static VectorClock Clock(params (string Id, long Counter)[] entries) =>
        VectorClock.From(entries.Select(e => new ClockEntry(e.Id, e.Counter)));

    private static VersionedValue Version(VectorClock clock, long timestamp, string coordinator = "a") =>
        new(new byte[] { 1 }, clock, timestamp, coordinator, false);

    [Fact]
    public void Stamp_NoExistingVersion_StartsClockAtOneWithNow()
    {
        var stamped = WriteStamp.Stamp([], "c1", new byte[] { 7 }, tombstone: false, ttlMillis: 0, nowMicros: 1_000, maxClockEntries: 10);

        stamped.Clock.Should().Be(Clock(("c1", 1)));
        stamped.TimestampMicros.Should().Be(1_000);
        stamped.CoordinatorId.Should().Be("c1");
        stamped.Value.ToArray().Should().Equal(7);
        stamped.Tombstone.Should().BeFalse();
    }

    [Fact]
    public void Stamp_WithTtl_ExpiresTtlAfterTheTimestamp()
    {
        var existing = Version(Clock(("c1", 1)), 9_000);

        var stamped = WriteStamp.Stamp([existing], "c1", new byte[] { 7 }, tombstone: false, ttlMillis: 1_500, nowMicros: 1_000, maxClockEntries: 10);

        stamped.TimestampMicros.Should().Be(9_001, "the timestamp follows the winner when the clock runs behind");
        stamped.ExpiresAtMicros.Should().Be(9_001 + 1_500_000);
        stamped.IsLive(9_001 + 1_499_999).Should().BeTrue();
        stamped.IsLive(9_001 + 1_500_000).Should().BeFalse();
    }

    [Fact]
    public void Stamp_WithoutTtl_NeverExpires()
    {
        var stamped = WriteStamp.Stamp([], "c1", new byte[] { 7 }, tombstone: false, ttlMillis: 0, nowMicros: 1_000, maxClockEntries: 10);

        stamped.ExpiresAtMicros.Should().Be(0);
        stamped.IsLive(long.MaxValue).Should().BeTrue();
    }

    [Fact]
    public void Stamp_NegativeTtl_Throws()
    {
        var act = () => WriteStamp.Stamp([], "c1", new byte[] { 7 }, tombstone: false, ttlMillis: -1, nowMicros: 1_000, maxClockEntries: 10);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Stamp_ConcurrentSiblings_MergesClocksAndIncrementsCoordinator()
    {
        var left = Version(Clock(("c1", 2), ("c2", 1)), 100, "c1");
        var right = Version(Clock(("c1", 1), ("c3", 4)), 90, "c3");

        var stamped = WriteStamp.Stamp([left, right], "c2", new byte[] { 1 }, false, 0, 500, 10);

        stamped.Clock.Should().Be(Clock(("c1", 2), ("c2", 2), ("c3", 4)));
        stamped.Clock.Dominates(left.Clock).Should().BeTrue();
        stamped.Clock.Dominates(right.Clock).Should().BeTrue();
        stamped.TimestampMicros.Should().Be(500);
    }

    [Fact]
    public void Stamp_LocalClockBehindWinner_TimestampsJustAfterWinner()
    {
        var existing = Version(Clock(("c1", 1)), 5_000);

        var stamped = WriteStamp.Stamp([existing], "c2", new byte[] { 1 }, false, ttlMillis: 0, nowMicros: 4_000, maxClockEntries: 10);

        stamped.TimestampMicros.Should().Be(5_001);
        VersionedValue.CompareLastWriteWins(stamped, existing).Should().BePositive();
    }

    [Fact]
    public void Stamp_Tombstone_HasNoValue()
    {
        var stamped = WriteStamp.Stamp([Version(Clock(("c1", 1)), 1)], "c1", new byte[] { 1, 2 }, tombstone: true, 0, 10, 10);

        stamped.Tombstone.Should().BeTrue();
        stamped.Value.IsEmpty.Should().BeTrue();
        stamped.Clock.Should().Be(Clock(("c1", 2)));
    }

    [Fact]
    public void Stamp_ClockAtLimit_PrunesSmallestKeepingCoordinator()
    {
        var existing = Version(Clock(("a", 5), ("b", 4), ("c", 3), ("d", 2)), 10);

        var stamped = WriteStamp.Stamp([existing], "z", new byte[] { 1 }, false, 0, 20, maxClockEntries: 3);

        stamped.Clock.Should().Be(Clock(("a", 5), ("b", 4), ("z", 1)));
        stamped.Clock.CompareTo(existing.Clock).Should().Be(ClockOrder.Concurrent);
        VersionedValue.CompareLastWriteWins(stamped, existing).Should().BePositive("pruning leaves a sibling that LWW resolves");
    }

    [Theory]
    [InlineData(null, 10)]
    [InlineData("", 10)]
    [InlineData("c1", 0)]
    public void Stamp_InvalidArguments_Throw(string? coordinatorId, int maxClockEntries)
    {
        var act = () => WriteStamp.Stamp([], coordinatorId!, default, false, 0, 1, maxClockEntries);

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Stamp_AnySiblings_DominatesEachWhenNotPrunedAndAlwaysWinsLastWriteWins()
    {
        var arb = Arb.From(
            from siblings in CoreGenerators.StoredSiblings
            from coordinator in Gen.Elements(CoreGenerators.CoordinatorIds)
            from now in Gen.Choose(0, 6)
            from max in Gen.Choose(1, 5)
            select (siblings, coordinator, now, max));
        PropertyRunner.Check(61, Prop.ForAll(arb, c =>
        {
            var stamped = WriteStamp.Stamp(c.siblings, c.coordinator, new byte[] { 9 }, false, 0, c.now, c.max);
            var merged = SiblingSet.MergedClock(c.siblings);
            var pruned = merged.Increment(c.coordinator).Count > c.max;

            stamped.Clock.Count.Should().BeLessThanOrEqualTo(c.max);
            stamped.Clock.Get(c.coordinator).Should().Be(merged.Get(c.coordinator) + 1);
            foreach (var sibling in c.siblings)
            {
                var order = stamped.Clock.CompareTo(sibling.Clock);
                if (pruned)
                {
                    order.Should().BeOneOf(ClockOrder.After, ClockOrder.Concurrent);
                }
                else
                {
                    order.Should().Be(ClockOrder.After);
                }

                VersionedValue.CompareLastWriteWins(stamped, sibling).Should().BePositive();
            }

            SiblingSet.MergeAll([.. c.siblings, stamped]).Should().Contain(stamped).And.HaveElementAt(0, stamped);
        }));
    }

    [Fact]
    public void Stamp_SequentialWritesWithSkewedClocks_EachStrictlyDominatesAndWins()
    {
        var arb = Arb.From(Gen.Elements(CoreGenerators.CoordinatorIds).Zip(Gen.Choose(0, 20)).ArrayOf(8));
        PropertyRunner.Check(62, Prop.ForAll(arb, writes =>
        {
            IReadOnlyList<VersionedValue> current = [];
            foreach (var (coordinator, now) in writes)
            {
                var stamped = WriteStamp.Stamp(current, coordinator, new byte[] { 1 }, false, 0, now, maxClockEntries: 10);

                foreach (var previous in current)
                {
                    stamped.Clock.CompareTo(previous.Clock).Should().Be(ClockOrder.After);
                    VersionedValue.CompareLastWriteWins(stamped, previous).Should().BePositive();
                }

                current = SiblingSet.Merge(current, stamped).Versions;
                current.Should().Equal(stamped);
            }
        }));
    }

    [Fact]
    public void StampBeside_ContextCoveringSomeSiblings_ReplacesExactlyThoseAndWinsLastWriteWins()
    {
        var covered = TestData.Version("covered", 100, ("coord-a", 1));
        var newer = TestData.Version("newer", 200, ("coord-a", 2));
        var other = TestData.Version("other", 300, ("coord-b", 1));

        var stamped = WriteStamp.StampBeside([newer, other], covered.Clock, "coord-a", new byte[] { 1 }, tombstone: false, ttlMillis: 0, nowMicros: 50, maxClockEntries: 10);

        stamped.Clock.Should().Be(VectorClock.From([new ClockEntry("coord-a", 1), new ClockEntry("coord-a~301", 1)]));
        stamped.TimestampMicros.Should().Be(301);
        SiblingSet.MergeAll([covered, newer, other, stamped]).Should().BeEquivalentTo([stamped, newer, other]);
    }

    [Fact]
    public void StampBeside_FullContext_KeepsItsBranchEntryWhenPruning()
    {
        var context = VectorClock.From(Enumerable.Range(1, 10).Select(i => new ClockEntry("coord-" + i, i + 1)));

        var stamped = WriteStamp.StampBeside([], context, "coord-x", new byte[] { 1 }, tombstone: false, ttlMillis: 0, nowMicros: 7, maxClockEntries: 10);

        stamped.Clock.Count.Should().Be(10);
        stamped.Clock.Get("coord-x~7").Should().Be(1);
    }

    [Fact]
    public void StampBeside_CoordinatorIdAtTheLimit_BranchIdStaysWithinTheNodeIdLimit()
    {
        var longId = new string('c', 256);

        var stamped = WriteStamp.StampBeside([], VectorClock.Empty, longId, new byte[] { 1 }, tombstone: false, ttlMillis: 0, nowMicros: 123_456, maxClockEntries: 10);

        var branch = stamped.Clock.Entries.Should().ContainSingle().Subject.NodeId;
        branch.Should().MatchRegex("^[0-9a-f]{16}~123456$");
    }

    [Fact]
    public void StampOver_ContextAheadOfTheSiblings_DominatesTheContextAndThem()
    {
        var sibling = TestData.Version("s", 100, ("coord-a", 3));
        var context = VectorClock.From([new ClockEntry("coord-a", 5), new ClockEntry("coord-b", 2)]);

        var stamped = WriteStamp.StampOver([sibling], context, "coord-a", new byte[] { 1 }, tombstone: false, ttlMillis: 0, nowMicros: 50, maxClockEntries: 10);

        stamped.Clock.Should().Be(VectorClock.From([new ClockEntry("coord-a", 6), new ClockEntry("coord-b", 2)]));
        stamped.TimestampMicros.Should().Be(101);
    }
}
