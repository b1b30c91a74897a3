using FluentAssertions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using PairDb.Coordinator.Composition;

namespace PairDb.Coordinator.Tests.Composition;

/// <summary>Which calls get which default deadline, and its grpc-timeout text (whole milliseconds, seconds when milliseconds need more than 8 digits).</summary>
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

    [Theory]
    [InlineData("/proto.CoordinatorService/ReadKeyValue", "3000m")]
    [InlineData("/proto.CoordinatorService/WriteKeyValue", "5000m")]
    [InlineData("/proto.CoordinatorService/DeleteKeyValue", "5000m")]
    [InlineData("/proto.CoordinatorService/GetTenant", null)]
    [InlineData("/grpc.health.v1.Health/Check", null)]
    public void HeaderFor_CallPath_ChoosesTheDeadlineOfItsKind(string path, string? expected)
    {
        // Act
        var header = DefaultDeadlines.HeaderFor(new PathString(path), new StringValues("3000m"), new StringValues("5000m"));

        // Assert
        header?.ToString().Should().Be(expected);
        header.HasValue.Should().Be(expected is not null);
    }
}
