using FluentAssertions;
using PairDb.Actors.Cores;

namespace PairDb.Actors.Tests.Cores;

public sealed class IncarnationRuleTests
{
    [Theory]
    [InlineData(null, "", IncarnationChange.None)]
    [InlineData("inc-a", "", IncarnationChange.None)]
    [InlineData("inc-a", "inc-a", IncarnationChange.None)]
    [InlineData(null, "inc-a", IncarnationChange.Record)]
    [InlineData("inc-a", "inc-b", IncarnationChange.Rebuild)]
    public void Decide_RecordedAndReported_GivesTheChange(string? recorded, string reported, IncarnationChange expected)
    {
        // Act
        var change = IncarnationRule.Decide(recorded, reported);

        // Assert
        change.Should().Be(expected);
    }

    [Fact]
    public void Decide_SameTextInAnotherCase_IsADifferentIncarnation()
    {
        // Act
        var change = IncarnationRule.Decide("inc-a", "INC-A");

        // Assert
        change.Should().Be(IncarnationChange.Rebuild);
    }

    [Fact]
    public void RebuildingMark_CutsToWholeMicrosecondsInUtc()
    {
        // Arrange: 2026-12-07 13:00:00.1234567 at +02:00.
        var now = new DateTimeOffset(2026, 12, 7, 15, 0, 0, TimeSpan.FromHours(2)).AddTicks(1_234_567);

        // Act
        var mark = IncarnationRule.RebuildingMark(now);

        // Assert
        mark.Offset.Should().Be(TimeSpan.Zero);
        mark.UtcTicks.Should().Be(now.UtcTicks - 7);
        (mark.UtcTicks % TimeSpan.TicksPerMicrosecond).Should().Be(0);
    }
}
