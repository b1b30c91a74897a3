using FluentAssertions;

namespace PairDb.Rpc.Tests;

public sealed class StatusCodeNamesTests
{
    [Theory]
    [InlineData(StatusCode.OK, "OK")]
    [InlineData(StatusCode.NotFound, "NOT_FOUND")]
    [InlineData(StatusCode.FailedPrecondition, "FAILED_PRECONDITION")]
    [InlineData(StatusCode.DeadlineExceeded, "DEADLINE_EXCEEDED")]
    [InlineData(StatusCode.Unauthenticated, "UNAUTHENTICATED")]
    [InlineData((StatusCode)42, "STATUS_42")]
    public void Of_Status_ReturnsCanonicalName(StatusCode status, string expected)
    {
        // Act / Assert
        StatusCodeNames.Of(status).Should().Be(expected);
    }

    [Fact]
    public void Of_EveryDefinedStatus_IsUpperSnakeCaseOfItsEnumName()
    {
        foreach (var status in Enum.GetValues<StatusCode>())
        {
            var expected = status == StatusCode.OK
                ? "OK"
                : string.Concat(status.ToString().Select(static (c, i) => i > 0 && char.IsUpper(c) ? "_" + c : char.ToUpperInvariant(c).ToString()));
            StatusCodeNames.Of(status).Should().Be(expected);
        }
    }
}
