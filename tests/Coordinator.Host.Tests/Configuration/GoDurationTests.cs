using FluentAssertions;
using PairDb.Coordinator.Configuration;

namespace PairDb.Coordinator.Tests.Configuration;

/// <summary>Durations written the seed layout's (Go's) way.</summary>
public sealed class GoDurationTests
{
    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("10s", 10_000)]
    [InlineData("30m", 1_800_000)]
    [InlineData("2h", 7_200_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("2500us", 2.5)]
    [InlineData("1000000ns", 1)]
    [InlineData("0", 0)]
    public void TryParse_ValidDuration_ReturnsIt(string text, double milliseconds)
    {
        // Act
        var parsed = GoDuration.TryParse(text, out var duration);

        // Assert
        parsed.Should().BeTrue();
        duration.Should().Be(TimeSpan.FromMilliseconds(milliseconds));
    }

    [Theory]
    [InlineData("")]
    [InlineData("10")]
    [InlineData("s")]
    [InlineData("10 s")]
    [InlineData("-5s")]
    [InlineData("10sec")]
    [InlineData("1d")]
    [InlineData("1..5s")]
    public void TryParse_Malformed_ReturnsFalse(string text)
    {
        // Act
        var parsed = GoDuration.TryParse(text, out _);

        // Assert
        parsed.Should().BeFalse();
    }
}
