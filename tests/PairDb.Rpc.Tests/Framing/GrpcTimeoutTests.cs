using FluentAssertions;

namespace PairDb.Rpc.Tests.Framing;

public sealed class GrpcTimeoutTests
{
    [Theory]
    [InlineData("1H", 3_600_000)]
    [InlineData("2M", 120_000)]
    [InlineData("3S", 3_000)]
    [InlineData("250m", 250)]
    [InlineData("1500u", 1.5)]
    [InlineData("2000000n", 2)]
    [InlineData("99999999m", 99_999_999)]
    public void TryParse_ValidValue_ReturnsTimeout(string text, double expectedMs)
    {
        GrpcTimeout.TryParse(text, out var timeout).Should().BeTrue();

        timeout.TotalMilliseconds.Should().Be(expectedMs);
    }

    [Theory]
    [InlineData("")]
    [InlineData("S")]
    [InlineData("10")]
    [InlineData("10s")]
    [InlineData("-1S")]
    [InlineData("123456789S")]
    [InlineData("1 S")]
    public void TryParse_Malformed_ReturnsFalse(string text)
    {
        GrpcTimeout.TryParse(text, out _).Should().BeFalse();
    }

    [Theory]
    [InlineData(100, "100000u")]
    [InlineData(99_999, "99999000u")]
    [InlineData(100_000, "100000m")]
    [InlineData(0, "1u")]
    public void Format_Milliseconds_UsesFinestUnitThatFits(int ms, string expected)
    {
        GrpcTimeout.Format(TimeSpan.FromMilliseconds(ms)).Should().Be(expected);
    }

    [Fact]
    public void Format_ThenParse_NeverShortensTheTimeout()
    {
        foreach (var ticks in new long[] { 1, 9, 10, 12_345, 10_000_000, 864_000_000_000, 3_000_000_000_000_000 })
        {
            var timeout = TimeSpan.FromTicks(ticks);
            GrpcTimeout.TryParse(GrpcTimeout.Format(timeout), out var parsed).Should().BeTrue();
            parsed.Should().BeGreaterThanOrEqualTo(timeout);
        }
    }
}
