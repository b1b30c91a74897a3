using FluentAssertions;
using PairDb.Actors.Support;

namespace PairDb.Actors.Tests.Support;

public sealed class LruSegmentTests
{
    [Fact]
    public void RemoveExpiredOldest_ExpiredAtTheOldEnd_RemovesThemAndStopsAtTheFirstLiveOne()
    {
        var segment = new LruSegment<int>(10);
        segment.Set("a", 1, expiresAt: 10);
        segment.Set("b", 2, expiresAt: 20);
        segment.Set("c", 3, expiresAt: 30);

        var removed = segment.RemoveExpiredOldest(now: 20);

        removed.Should().Be(2);
        segment.KeysByRecency().Should().Equal("c");
    }

    [Fact]
    public void RemoveExpiredOldest_RecentlyUsedEntryRefreshed_Stays()
    {
        var segment = new LruSegment<int>(10);
        segment.Set("a", 1, expiresAt: 10);
        segment.Set("b", 2, expiresAt: 20);
        segment.Set("a", 1, expiresAt: 40);

        segment.RemoveExpiredOldest(now: 25).Should().Be(1);

        segment.KeysByRecency().Should().Equal("a");
    }

    [Fact]
    public void RemoveExpiredOldest_NothingExpired_RemovesNothing()
    {
        var segment = new LruSegment<int>(10);
        segment.Set("a", 1, expiresAt: 10);

        segment.RemoveExpiredOldest(now: 9).Should().Be(0);

        segment.Count.Should().Be(1);
    }

    [Fact]
    public void TryRemove_PresentEvenExpired_ReturnsTheValueOnceAndForgetsTheKey()
    {
        var segment = new LruSegment<int>(10);
        segment.Set("a", 1, expiresAt: 10);
        segment.Set("b", 2, expiresAt: 20);

        segment.TryRemove("a", out var value).Should().BeTrue();
        segment.TryRemove("a", out _).Should().BeFalse();

        value.Should().Be(1);
        segment.KeysByRecency().Should().Equal("b");
    }
}
