using FluentAssertions;
using PairDb.Messages.Values;

namespace PairDb.Messages.Tests.Values;

public sealed class VectorClockTests
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

    [Fact]
    public void From_DuplicateIds_KeepsLargestCounter()
    {
        var clock = Clock(("a", 2), ("b", 1), ("a", 5), ("a", 3));

        clock.Entries.Should().Equal(new ClockEntry("a", 5), new ClockEntry("b", 1));
    }

    [Fact]
    public void From_ZeroAndNegativeCounters_AreNotStored()
    {
        var clock = Clock(("a", 0), ("b", -4), ("c", 1));

        clock.Entries.Should().Equal(new ClockEntry("c", 1));
        clock.Get("a").Should().Be(0);
        clock.Get("b").Should().Be(0);
    }

    [Fact]
    public void From_CanonicalArray_CopiesItSoLaterChangesToTheArrayDoNotReachTheClock()
    {
        ClockEntry[] entries = [new("a", 1), new("b", 2)];

        var clock = VectorClock.From(entries);
        entries[0] = new ClockEntry("a", 9);

        clock.Entries.Should().Equal(new ClockEntry("a", 1), new ClockEntry("b", 2));
    }

    [Theory]
    [InlineData("b:1,a:2")]
    [InlineData("a:1,a:2")]
    [InlineData("a:1,b:0")]
    [InlineData("a:1,b:2,c:3")]
    [InlineData("c:3,b:-1,a:2,c:1")]
    public void From_ArrayOrLazySequence_GiveTheSameClock(string text)
    {
        var entries = text.Split(',').Select(static e => new ClockEntry(e.Split(':')[0], long.Parse(e.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture))).ToArray();

        var fromArray = VectorClock.From(entries);
        var fromSequence = VectorClock.From(entries.Where(static _ => true));

        fromArray.Should().Be(fromSequence);
        fromArray.Entries.Should().BeInAscendingOrder(static e => e.NodeId, StringComparer.Ordinal);
        fromArray.Entries.Should().OnlyContain(static e => e.Counter > 0);
    }

    [Fact]
    public void From_OnlyZeroCounters_ReturnsEmpty()
    {
        var clock = Clock(("a", 0), ("b", 0));

        clock.Should().BeSameAs(VectorClock.Empty);
        clock.IsEmpty.Should().BeTrue();
    }

    [Fact]
    public void From_UnsortedIds_SortsOrdinally()
    {
        var clock = Clock(("b", 1), ("B", 1), ("a", 1), ("A", 1));

        clock.Entries.Select(e => e.NodeId).Should().Equal("A", "B", "a", "b");
        clock.Count.Should().Be(4);
    }

    [Fact]
    public void From_NullNodeId_Throws()
    {
        var act = () => VectorClock.From([new ClockEntry(null!, 1)]);

        act.Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public void Get_MissingEntry_ReturnsZero()
    {
        var clock = Clock(("a", 3), ("c", 1));

        clock.Get("a").Should().Be(3);
        clock.Get("b").Should().Be(0);
        clock.Get("z").Should().Be(0);
    }

    public static TheoryData<string, string, ClockOrder> CompareCases => new()
    {
        { "", "", ClockOrder.Identical },
        { "a1", "a1", ClockOrder.Identical },
        { "a1,b2", "b2,a1", ClockOrder.Identical },
        { "a1", "", ClockOrder.After },
        { "", "a1", ClockOrder.Before },
        { "a2,b1", "a1", ClockOrder.After },
        { "a1", "a1,b1", ClockOrder.Before },
        { "a1,b2", "a2,b1", ClockOrder.Concurrent },
        { "a1", "b1", ClockOrder.Concurrent },
        { "a1,c1", "b1", ClockOrder.Concurrent },
        { "a3,b3,c3", "a3,b3,c2", ClockOrder.After },
        { "a1,d1", "a1,b1,c1,d1", ClockOrder.Before },
        { "b1", "a1,c1", ClockOrder.Concurrent },
    };

    [Theory]
    [MemberData(nameof(CompareCases))]
    public void CompareTo_Table_ReturnsExpectedOrder(string left, string right, ClockOrder expected)
    {
        var a = Parse(left);
        var b = Parse(right);

        var order = a.CompareTo(b);

        order.Should().Be(expected);
    }

    [Fact]
    public void Dominates_OnlyWhenStrictlyAfter()
    {
        var older = Clock(("a", 1));
        var newer = Clock(("a", 2));

        newer.Dominates(older).Should().BeTrue();
        older.Dominates(newer).Should().BeFalse();
        newer.Dominates(newer).Should().BeFalse();
        Clock(("a", 1)).Dominates(Clock(("b", 1))).Should().BeFalse();
    }

    [Fact]
    public void Equals_SameCounters_EqualWithSameHashCode()
    {
        var a = Clock(("a", 1), ("b", 2), ("c", 0));
        var b = Clock(("b", 2), ("a", 1));

        a.Equals(b).Should().BeTrue();
        a.Equals((object)b).Should().BeTrue();
        a.GetHashCode().Should().Be(b.GetHashCode());
        a.Equals(Clock(("a", 1), ("b", 3))).Should().BeFalse();
        a.Equals(null).Should().BeFalse();
    }

    [Fact]
    public void Merge_OverlappingAndDisjointIds_TakesPerEntryMaximum()
    {
        var a = Clock(("a", 3), ("b", 1), ("d", 2));
        var b = Clock(("b", 4), ("c", 1), ("d", 2));

        var merged = a.Merge(b);

        merged.Should().Be(Clock(("a", 3), ("b", 4), ("c", 1), ("d", 2)));
    }

    [Fact]
    public void Merge_WithEmpty_ReturnsOtherInstance()
    {
        var a = Clock(("a", 1));

        a.Merge(VectorClock.Empty).Should().BeSameAs(a);
        VectorClock.Empty.Merge(a).Should().BeSameAs(a);
    }

    [Fact]
    public void Increment_ExistingEntry_AddsOneAndLeavesOriginalUnchanged()
    {
        var original = Clock(("a", 1), ("b", 5));

        var incremented = original.Increment("b");

        incremented.Should().Be(Clock(("a", 1), ("b", 6)));
        original.Should().Be(Clock(("a", 1), ("b", 5)));
    }

    [Fact]
    public void Increment_NewEntry_InsertsCounterOneInSortedPlace()
    {
        var original = Clock(("a", 1), ("c", 1));

        var incremented = original.Increment("b");

        incremented.Entries.Should().Equal(new ClockEntry("a", 1), new ClockEntry("b", 1), new ClockEntry("c", 1));
        VectorClock.Empty.Increment("z").Entries.Should().Equal(new ClockEntry("z", 1));
        original.Increment("d").Entries[^1].Should().Be(new ClockEntry("d", 1));
        original.Increment("0").Entries[0].Should().Be(new ClockEntry("0", 1));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Increment_NullOrEmptyNodeId_Throws(string? nodeId)
    {
        var act = () => VectorClock.Empty.Increment(nodeId!);

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Prune_WithinLimit_ReturnsSameInstance()
    {
        var clock = Clock(("a", 1), ("b", 2));

        clock.Prune(2).Should().BeSameAs(clock);
        clock.Prune(5, "z").Should().BeSameAs(clock);
    }

    [Fact]
    public void Prune_OverLimit_DropsSmallestCounters()
    {
        var clock = Clock(("a", 5), ("b", 1), ("c", 3), ("d", 2));

        var pruned = clock.Prune(2);

        pruned.Should().Be(Clock(("a", 5), ("c", 3)));
    }

    [Fact]
    public void Prune_KeepHasSmallestCounter_KeepsIt()
    {
        var clock = Clock(("a", 5), ("b", 1), ("c", 3), ("d", 2));

        var pruned = clock.Prune(2, keep: "b");

        pruned.Should().Be(Clock(("a", 5), ("b", 1)));
    }

    [Fact]
    public void Prune_KeepAbsent_KeepsLargestCounters()
    {
        var clock = Clock(("a", 5), ("b", 1), ("c", 3));

        var pruned = clock.Prune(1, keep: "z");

        pruned.Should().Be(Clock(("a", 5)));
    }

    [Fact]
    public void Prune_EqualCounters_TieBrokenByNodeId()
    {
        var clock = Clock(("d", 1), ("c", 1), ("b", 1), ("a", 1));

        var pruned = clock.Prune(2);

        pruned.Should().Be(Clock(("a", 1), ("b", 1)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Prune_MaxEntriesBelowOne_Throws(int maxEntries)
    {
        var act = () => Clock(("a", 1)).Prune(maxEntries);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void ToString_ListsEntriesInOrder()
    {
        Clock(("b", 2), ("a", 1)).ToString().Should().Be("{a:1, b:2}");
        VectorClock.Empty.ToString().Should().Be("{}");
    }

    /// <summary>Parses "a1,b2" (single-letter ids) into a clock.</summary>
    private static VectorClock Parse(string text)
    {
        var entries = new List<ClockEntry>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            entries.Add(new ClockEntry(part[..1], long.Parse(part[1..])));
        }

        return VectorClock.From(entries);
    }
}
