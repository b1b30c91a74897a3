using FluentAssertions;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;
using PairDb.Cli.Parsing;

namespace PairDb.Cli.Tests.Parsing;

public sealed class DurationsTests
{
    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("1s", 1000)]
    [InlineData("1.5s", 1500)]
    [InlineData("2m", 120_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("1d", 86_400_000)]
    [InlineData("10", 10_000)]
    [InlineData(" 250MS ", 250)]
    [InlineData("0", 0)]
    public void TryParse_ValidText_ReturnsDuration(string text, double expectedMilliseconds)
    {
        // Act
        var parsed = Durations.TryParse(text, out var duration);

        // Assert
        parsed.Should().BeTrue();
        duration.Should().Be(TimeSpan.FromMilliseconds(expectedMilliseconds));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("-1s")]
    [InlineData("s")]
    [InlineData("ms")]
    [InlineData("1x")]
    [InlineData("1 s")]
    [InlineData("1e3s")]
    [InlineData("99999999999999999h")]
    public void TryParse_InvalidText_ReturnsFalse(string? text)
    {
        // Act
        var parsed = Durations.TryParse(text, out _);

        // Assert
        parsed.Should().BeFalse();
    }

    [Theory]
    [InlineData(500, "500ms")]
    [InlineData(1000, "1s")]
    [InlineData(1500, "1.5s")]
    [InlineData(10_000, "10s")]
    [InlineData(90_000, "90s")]
    [InlineData(120_000, "2m")]
    public void Format_Duration_ReturnsShortestText(double milliseconds, string expected)
    {
        // Act
        var text = Durations.Format(TimeSpan.FromMilliseconds(milliseconds));

        // Assert
        text.Should().Be(expected);
    }

    [Fact]
    public void Format_AnyWholeMilliseconds_ParsesBackToSameDuration()
    {
        // Arrange: durations from 1 ms to about 11 days, whole milliseconds (what the CLI prints).
        var property = Prop.ForAll(
            Gen.Choose(1, int.MaxValue / 2).ToArbitrary(),
            milliseconds =>
            {
                var duration = TimeSpan.FromMilliseconds(milliseconds);
                return Durations.TryParse(Durations.Format(duration), out var back) && back == duration;
            });

        // Act / Assert
        var config = Config.QuickThrowOnFailure
            .WithMaxTest(500)
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(20261122UL, 11UL), FSharpOption<int>.None)));
        Check.One(config, property);
    }
}
