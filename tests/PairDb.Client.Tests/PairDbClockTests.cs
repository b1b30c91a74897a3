using FluentAssertions;

namespace PairDb.Client.Tests;

public sealed class PairDbClockTests
{
    private static PairDbClock Clock(params (string Node, long Counter)[] entries) =>
        new(entries.Select(static e => KeyValuePair.Create(e.Node, e.Counter)));

    [Fact]
    public void Merge_OverlappingClocks_LargerCounterOfEveryNode()
    {
        // Act
        var merged = Clock(("a", 3), ("b", 1)).Merge(Clock(("b", 4), ("c", 2)));

        // Assert
        merged.Should().Be(Clock(("a", 3), ("b", 4), ("c", 2)));
        merged.ToString().Should().Be("a:3,b:4,c:2");
    }

    [Fact]
    public void Equals_SameEntriesInAnotherOrder_EqualWithTheSameHash()
    {
        // Arrange
        var first = Clock(("b", 2), ("a", 1));
        var second = Clock(("a", 1), ("b", 2));

        // Assert
        first.Should().Be(second);
        first.GetHashCode().Should().Be(second.GetHashCode());
        first.Should().NotBe(Clock(("a", 1), ("b", 3)));
        first.Should().NotBe(Clock(("a", 1)));
    }

    [Fact]
    public void Empty_NoEntries()
    {
        // Assert
        PairDbClock.Empty.IsEmpty.Should().BeTrue();
        PairDbClock.Empty.ToString().Should().BeEmpty();
        Clock(("a", 1)).IsEmpty.Should().BeFalse();
    }

    [Fact]
    public void Constructor_NodeTwice_KeepsTheLargerCounter()
    {
        // Act
        var clock = Clock(("a", 5), ("a", 2));

        // Assert
        clock.Entries.Should().Equal(new Dictionary<string, long> { ["a"] = 5 });
    }

    [Fact]
    public void Constructor_EmptyNodeId_Throws()
    {
        // Act
        var act = () => Clock(("", 1));

        // Assert
        act.Should().Throw<ArgumentException>();
    }
}
