using FluentAssertions;
using PairDb.Client.Internal;

namespace PairDb.Client.Tests.Internal;

public sealed class BackoffTests
{
    private static readonly PairDbRetryOptions Policy = new()
    {
        InitialBackoff = TimeSpan.FromMilliseconds(50),
        MaxBackoff = TimeSpan.FromMilliseconds(1000),
    };

    [Theory]
    [InlineData(1, 50)]
    [InlineData(2, 100)]
    [InlineData(3, 200)]
    [InlineData(5, 800)]
    [InlineData(6, 1000)]
    [InlineData(40, 1000)]
    [InlineData(int.MaxValue, 1000)]
    public void Delay_FullJitter_DoublesUpToTheMaximum(int retry, int expectedMs)
    {
        // Act
        var delay = Backoff.Delay(retry, Policy, jitter: 1);

        // Assert
        delay.Should().Be(TimeSpan.FromMilliseconds(expectedMs));
    }

    [Fact]
    public void Delay_NoJitter_HalfTheCeiling()
    {
        // Act
        var delay = Backoff.Delay(3, Policy, jitter: 0);

        // Assert
        delay.Should().Be(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Delay_SeededSamples_StayBetweenHalfAndAllOfTheCeiling()
    {
        // Arrange
        var random = new Random(20261207);

        for (var i = 0; i < 1000; i++)
        {
            // Act
            var retry = random.Next(1, 10);
            var delay = Backoff.Delay(retry, Policy, random.NextDouble());

            // Assert
            var ceiling = Math.Min(50 * Math.Pow(2, retry - 1), 1000);
            delay.TotalMilliseconds.Should().BeInRange(ceiling / 2, ceiling);
        }
    }

    [Fact]
    public void Delay_RetryZero_Throws()
    {
        // Act
        var act = () => Backoff.Delay(0, Policy, 0.5);

        // Assert
        act.Should().Throw<ArgumentOutOfRangeException>();
    }
}
