using FluentAssertions;
using Microsoft.AspNetCore.Http;
using PairDb.Storage.Hosting;

namespace PairDb.Storage.Tests.Hosting;

/// <summary>grpc-timeout values as the gRPC spec writes them, and the clamp that rewrites the ones beyond the maximum.</summary>
public sealed class GrpcTimeoutClampTests
{
    [Theory]
    [InlineData("1n", 0)]
    [InlineData("250u", 2_500)]
    [InlineData("1500m", 15_000_000)]
    [InlineData("30S", 300_000_000)]
    [InlineData("2M", 1_200_000_000)]
    [InlineData("2000H", 72_000_000_000_000)]
    [InlineData("99999999H", 3_599_999_964_000_000_000)]
    public void TryParse_SpecValue_Ticks(string text, long ticks)
    {
        GrpcTimeoutClamp.TryParse(text, out var timeout).Should().BeTrue();
        timeout.Ticks.Should().Be(ticks);
    }

    [Theory]
    [InlineData("")]
    [InlineData("S")]
    [InlineData("123456789S")]
    [InlineData("10x")]
    [InlineData("-1S")]
    [InlineData("1.5S")]
    public void TryParse_NotASpecValue_False(string text) => GrpcTimeoutClamp.TryParse(text, out _).Should().BeFalse();

    [Theory]
    [InlineData("2000H", "3600000m")]
    [InlineData("61M", "3600000m")]
    [InlineData("60M", "60M")]
    [InlineData("5S", "5S")]
    [InlineData("junk", "junk")]
    public void Clamp_OneHourMaximum_RewritesOnlyLongerValues(string sent, string seen)
    {
        var headers = new HeaderDictionary { ["grpc-timeout"] = sent };

        new GrpcTimeoutClamp(TimeSpan.FromHours(1)).Clamp(headers);

        headers["grpc-timeout"].ToString().Should().Be(seen);
    }

    [Fact]
    public void Clamp_LargestMaximum_WrittenInSeconds()
    {
        var headers = new HeaderDictionary { ["grpc-timeout"] = "99999999H" };

        new GrpcTimeoutClamp(GrpcTimeoutClamp.Largest).Clamp(headers);

        headers["grpc-timeout"].ToString().Should().Be("2073600S");
    }

    [Fact]
    public void Clamp_NoHeader_NoneAdded()
    {
        var headers = new HeaderDictionary();

        new GrpcTimeoutClamp(TimeSpan.FromHours(1)).Clamp(headers);

        headers.ContainsKey("grpc-timeout").Should().BeFalse();
    }

    [Fact]
    public void Constructor_BeyondLargest_Throws()
    {
        var create = () => new GrpcTimeoutClamp(GrpcTimeoutClamp.Largest + TimeSpan.FromMilliseconds(1));

        create.Should().Throw<ArgumentOutOfRangeException>();
    }
}
