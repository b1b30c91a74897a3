using FluentAssertions;
using PairDb.Coordinator.Composition;

namespace PairDb.Coordinator.Tests.Composition;

/// <summary>The grpc-timeout text the default deadlines add: whole milliseconds, seconds when milliseconds need more than 8 digits.</summary>
public sealed class DefaultDeadlinesTests
{
    [Theory]
    [InlineData(3000, "3000m")]
    [InlineData(0.4, "1m")]
    [InlineData(99_999_999, "99999999m")]
    [InlineData(100_000_000, "100000S")]
    public void Format_Timeout_IsAValidGrpcTimeout(double milliseconds, string expected)
    {
        // Act
        var text = DefaultDeadlines.Format(TimeSpan.FromMilliseconds(milliseconds));

        // Assert
        text.Should().Be(expected);
    }
}
