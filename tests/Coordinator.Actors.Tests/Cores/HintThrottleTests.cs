using FluentAssertions;
using PairDb.Actors.Cores;

namespace PairDb.Actors.Tests.Cores;

public sealed class HintThrottleTests
{
    private static readonly DateTime T0 = new(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Take_FreshThrottle_GrantsOneSecondsWorth()
    {
        var throttle = new HintThrottle(100);

        throttle.Take(T0, 500).Should().Be(100);
        throttle.Take(T0, 500).Should().Be(0);
    }

    [Fact]
    public void Take_AfterTime_RefillsAtTheRate()
    {
        // Arrange
        var throttle = new HintThrottle(100);
        throttle.Take(T0, 100);

        // Act
        var after250Ms = throttle.Take(T0.AddMilliseconds(250), 500);
        var fewerWanted = throttle.Take(T0.AddMilliseconds(500), 10);

        // Assert: 25 refilled; then 25 more, of which only the 10 wanted are taken.
        after250Ms.Should().Be(25);
        fewerWanted.Should().Be(10);
        throttle.Take(T0.AddMilliseconds(500), 500).Should().Be(15);
    }

    [Fact]
    public void Take_LongIdle_SavesUpAtMostOneSecond()
    {
        // Arrange
        var throttle = new HintThrottle(100);
        throttle.Take(T0, 100);

        // Act
        var afterAnHour = throttle.Take(T0.AddHours(1), 10_000);

        // Assert
        afterAnHour.Should().Be(100);
    }

    [Fact]
    public void Take_OverManySeconds_NeverMoreThanTheRateAllows()
    {
        // Arrange
        var throttle = new HintThrottle(40);
        var granted = 0;

        // Act: asked for far more every 100 ms over 10 s.
        for (var tick = 0; tick <= 100; tick++)
        {
            granted += throttle.Take(T0.AddMilliseconds(tick * 100), 1000);
        }

        // Assert: one second's burst plus 40 a second.
        granted.Should().Be(40 + (10 * 40));
    }
}
