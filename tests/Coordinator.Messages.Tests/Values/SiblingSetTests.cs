using FluentAssertions;
using PairDb.Messages.Values;

namespace PairDb.Messages.Tests.Values;

public sealed class SiblingSetTests
{
    private static VectorClock Clock(params (string Id, long Counter)[] entries)
    {
        var list = new List<ClockEntry>();
        foreach (var (id, counter) in entries)
        {
            list.Add(new ClockEntry(id, counter));
        }

        return VectorClock.From(list);
    }

    private static VersionedValue Version(VectorClock clock, long timestamp, string coordinator = "a", byte payload = 1, bool tombstone = false) =>
        new(new[] { payload }, clock, timestamp, coordinator, tombstone);

    [Fact]
    public void Merge_IntoEmpty_AppliesAsOnlyVersion()
    {
        var v = Version(Clock(("a", 1)), 10);

        var result = SiblingSet.Merge([], v);

        result.Applied.Should().BeTrue();
        result.Versions.Should().Equal(v);
    }

    [Fact]
    public void Merge_IncomingDominatesStored_ReplacesIt()
    {
        var old = Version(Clock(("a", 1)), 10);
        var newer = Version(Clock(("a", 2)), 5);

        var result = SiblingSet.Merge([old], newer);

        result.Applied.Should().BeTrue();
        result.Versions.Should().Equal(newer);
    }

    [Fact]
    public void Merge_StoredDominatesIncoming_DropsIncomingAndKeepsStoredList()
    {
        IReadOnlyList<VersionedValue> stored = [Version(Clock(("a", 2)), 5)];
        var stale = Version(Clock(("a", 1)), 99);

        var result = SiblingSet.Merge(stored, stale);

        result.Applied.Should().BeFalse();
        result.Versions.Should().BeSameAs(stored);
    }

    [Fact]
    public void Merge_Concurrent_KeepsBothWinnerFirst()
    {
        var fromA = Version(Clock(("a", 1)), 10, "a");
        var fromB = Version(Clock(("b", 1)), 20, "b");

        var result = SiblingSet.Merge([fromA], fromB);

        result.Applied.Should().BeTrue();
        result.Versions.Should().Equal(fromB, fromA);
    }

    [Fact]
    public void Merge_DominatesSomeConcurrentWithOthers_ReplacesOnlyDominated()
    {
        var a1 = Version(Clock(("a", 1)), 10, "a");
        var b1 = Version(Clock(("b", 1)), 11, "b");
        var a2 = Version(Clock(("a", 2)), 12, "a");

        var result = SiblingSet.Merge([b1, a1], a2);

        result.Versions.Should().Equal(a2, b1);
    }

    [Fact]
    public void Merge_IdenticalClocks_LastWriteWinsInEitherOrder()
    {
        var clock = Clock(("a", 1), ("b", 1));
        var early = Version(clock, 10, "a", payload: 1);
        var late = Version(clock, 11, "a", payload: 2);

        var lateIntoEarly = SiblingSet.Merge([early], late);
        var earlyIntoLate = SiblingSet.Merge([late], early);

        lateIntoEarly.Applied.Should().BeTrue();
        lateIntoEarly.Versions.Should().Equal(late);
        earlyIntoLate.Applied.Should().BeFalse();
        earlyIntoLate.Versions.Should().Equal(late);
    }

    [Fact]
    public void Merge_ExactDuplicate_IsNotApplied()
    {
        var v = Version(Clock(("a", 1)), 10);
        var copy = Version(Clock(("a", 1)), 10);

        var result = SiblingSet.Merge([v], copy);

        result.Applied.Should().BeFalse();
        result.Versions.Should().Equal(v);
    }

    [Fact]
    public void MergeAll_VersionsDifferingOnlyByClock_OrderIndependent()
    {
        // Same timestamp, coordinator and payload but concurrent clocks: only the clock tie-break orders them.
        var x = Version(Clock(("a", 1)), 10, "c");
        var y = Version(Clock(("b", 1)), 10, "c");

        var xy = SiblingSet.MergeAll([x, y]);
        var yx = SiblingSet.MergeAll([y, x]);

        xy.Should().Equal(yx);
        SiblingSet.Winner([x, y]).Should().BeSameAs(SiblingSet.Winner([y, x]));
    }

    [Fact]
    public void MergeAll_Empty_ReturnsEmpty()
    {
        SiblingSet.MergeAll([]).Should().BeEmpty();
    }

    [Fact]
    public void Winner_Empty_Throws()
    {
        var act = () => SiblingSet.Winner([]);

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Winner_DifferentTimestamps_LatestWins()
    {
        var early = Version(Clock(("a", 1)), 10, "z");
        var late = Version(Clock(("b", 1)), 11, "a");

        SiblingSet.Winner([early, late]).Should().BeSameAs(late);
        SiblingSet.Winner([late, early]).Should().BeSameAs(late);
    }

    [Fact]
    public void Winner_SameTimestamp_LargerCoordinatorIdWins()
    {
        var fromA = Version(Clock(("a", 1)), 10, "a");
        var fromB = Version(Clock(("b", 1)), 10, "b");

        SiblingSet.Winner([fromB, fromA]).Should().BeSameAs(fromB);
        SiblingSet.Winner([fromA, fromB]).Should().BeSameAs(fromB);
    }

    [Fact]
    public void Winner_SameTimestampAndCoordinator_LiveBeatsTombstone()
    {
        var live = Version(Clock(("a", 1)), 10, "a");
        var tombstone = Version(Clock(("b", 1)), 10, "a", tombstone: true);

        SiblingSet.Winner([tombstone, live]).Should().BeSameAs(live);
        SiblingSet.Winner([live, tombstone]).Should().BeSameAs(live);
    }

    [Fact]
    public void MergedClock_Siblings_TakesPerEntryMaximum()
    {
        VersionedValue[] siblings =
        [
            Version(Clock(("a", 3), ("b", 1)), 1),
            Version(Clock(("b", 2), ("c", 1)), 2),
        ];

        SiblingSet.MergedClock(siblings).Should().Be(Clock(("a", 3), ("b", 2), ("c", 1)));
        SiblingSet.MergedClock([]).Should().BeSameAs(VectorClock.Empty);
    }
}
