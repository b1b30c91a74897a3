using FluentAssertions;
using PairDb.Messages.Ring;

namespace PairDb.Messages.Tests.Ring;

public sealed class RingRangeTests
{
    [Theory]
    [InlineData(10UL, 20UL, 10UL, false)]
    [InlineData(10UL, 20UL, 11UL, true)]
    [InlineData(10UL, 20UL, 20UL, true)]
    [InlineData(10UL, 20UL, 21UL, false)]
    [InlineData(20UL, 10UL, 21UL, true)]
    [InlineData(20UL, 10UL, 0UL, true)]
    [InlineData(20UL, 10UL, 10UL, true)]
    [InlineData(20UL, 10UL, 15UL, false)]
    [InlineData(20UL, 10UL, 20UL, false)]
    [InlineData(7UL, 7UL, 7UL, true)]
    [InlineData(7UL, 7UL, 0UL, true)]
    public void Contains_Position_FollowsHalfOpenWrappingInterval(ulong start, ulong end, ulong position, bool expected)
    {
        new RingRange(start, end).Contains(position).Should().Be(expected);
    }

    [Fact]
    public void ToSegments_Wrapping_SplitsClockwiseFromStart()
    {
        var segments = new (ulong, ulong)[2];

        var count = new RingRange(100, 5).ToSegments(segments);

        count.Should().Be(2);
        segments.Should().Equal((101UL, ulong.MaxValue), (0UL, 5UL));
    }

    [Theory]
    [InlineData(3UL, 3UL, 0UL, ulong.MaxValue)]
    [InlineData(3UL, 9UL, 4UL, 9UL)]
    [InlineData(ulong.MaxValue, 9UL, 0UL, 9UL)]
    [InlineData(0UL, ulong.MaxValue, 1UL, ulong.MaxValue)]
    public void ToSegments_SingleSegment_CoversRange(ulong start, ulong end, ulong low, ulong high)
    {
        var segments = new (ulong, ulong)[2];

        var count = new RingRange(start, end).ToSegments(segments);

        count.Should().Be(1);
        segments[0].Should().Be((low, high));
    }

    [Theory]
    [InlineData(7UL, 7UL, true)]
    [InlineData(0UL, 0UL, true)]
    [InlineData(7UL, 8UL, false)]
    [InlineData(8UL, 7UL, false)]
    public void IsWholeRing_StartAndEnd_TrueOnlyWhenEqual(ulong start, ulong end, bool expected)
    {
        new RingRange(start, end).IsWholeRing.Should().Be(expected);
    }
}
