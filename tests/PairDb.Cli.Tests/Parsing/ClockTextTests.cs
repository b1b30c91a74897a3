using FluentAssertions;
using PairDb.Cli.Output.Tables;
using PairDb.Cli.Output.Views;
using PairDb.Cli.Parsing;

namespace PairDb.Cli.Tests.Parsing;

public sealed class ClockTextTests
{
    [Theory]
    [InlineData("coord-a:3", "coord-a:3")]
    [InlineData("coord-a:3, coord-b:1", "coord-a:3, coord-b:1")]
    [InlineData(" coord-a:3,coord-b:1 ", "coord-a:3, coord-b:1")]
    [InlineData("host:4053:7", "host:4053:7")]
    [InlineData("-", "-")]
    public void TryParse_AsPrinted_RoundTripsThroughTheTableFormat(string text, string printed)
    {
        // Act
        var parsed = ClockText.TryParse(text, out var clock);

        // Assert
        parsed.Should().BeTrue();
        Cells.FormatClock(ProtoViews.Clock(clock)).Should().Be(printed);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("coord-a")]
    [InlineData(":3")]
    [InlineData("coord-a:0")]
    [InlineData("coord-a:-1")]
    [InlineData("coord-a:x")]
    [InlineData("coord-a:3,")]
    public void TryParse_NotAClock_False(string? text)
    {
        ClockText.TryParse(text, out _).Should().BeFalse();
    }
}
