using FluentAssertions;
using PairDb.Cli.Parsing;

namespace PairDb.Cli.Tests.Parsing;

public sealed class CoordinatorAddressTests
{
    [Theory]
    [InlineData("127.0.0.1:50051", "127.0.0.1", 50051)]
    [InlineData("localhost:1", "localhost", 1)]
    [InlineData("coordinator.pairdb.svc:65535", "coordinator.pairdb.svc", 65535)]
    [InlineData("http://10.0.0.5:50051/", "10.0.0.5", 50051)]
    [InlineData("[::1]:50051", "::1", 50051)]
    [InlineData(" 127.0.0.1:9 ", "127.0.0.1", 9)]
    public void TryParse_HostAndPort_ReturnsAddress(string text, string host, int port)
    {
        // Act
        var parsed = CoordinatorAddress.TryParse(text, out var address, out _);

        // Assert
        parsed.Should().BeTrue();
        address.Should().Be(new CoordinatorAddress(host, port));
    }

    [Fact]
    public void TryParse_HttpsPrefix_DialsTls()
    {
        // Act
        var parsed = CoordinatorAddress.TryParse("https://db.example:50051", out var address, out _);

        // Assert
        parsed.Should().BeTrue();
        address.Should().Be(new CoordinatorAddress("db.example", 50051, Https: true));
        address!.Uri.Should().Be("https://db.example:50051");
    }

    [Theory]
    [InlineData("127.0.0.1", "not HOST:PORT")]
    [InlineData(":50051", "not HOST:PORT")]
    [InlineData("host:", "not HOST:PORT")]
    [InlineData("host:http", "not HOST:PORT")]
    [InlineData("host:0", "outside 1-65535")]
    [InlineData("host:70000", "outside 1-65535")]
    [InlineData("grpc://host:443", "over http:// (plaintext HTTP/2) or https:// (TLS)")]
    [InlineData("::1:50051", "IPv6 host in brackets")]
    [InlineData("", "not HOST:PORT")]
    public void TryParse_Malformed_ReturnsFalseWithReason(string text, string reason)
    {
        // Act
        var parsed = CoordinatorAddress.TryParse(text, out var address, out var error);

        // Assert
        parsed.Should().BeFalse();
        address.Should().BeNull();
        error.Should().Contain(reason);
    }

    [Theory]
    [InlineData("127.0.0.1", 50051, "127.0.0.1:50051", "http://127.0.0.1:50051")]
    [InlineData("::1", 7, "[::1]:7", "http://[::1]:7")]
    public void ToString_Address_GivesHostPortAndUri(string host, int port, string text, string uri)
    {
        // Arrange
        var address = new CoordinatorAddress(host, port);

        // Act / Assert
        address.ToString().Should().Be(text);
        address.Uri.Should().Be(uri);
    }
}
