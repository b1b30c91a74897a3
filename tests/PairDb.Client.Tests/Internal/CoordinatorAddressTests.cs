using FluentAssertions;
using PairDb.Client.Internal;

namespace PairDb.Client.Tests.Internal;

public sealed class CoordinatorAddressTests
{
    [Theory]
    [InlineData("127.0.0.1:50051", "http://127.0.0.1:50051/")]
    [InlineData("coordinator-0.pairdb:80", "http://coordinator-0.pairdb/")]
    [InlineData("http://localhost:50051", "http://localhost:50051/")]
    [InlineData("https://pairdb.example:443", "https://pairdb.example/")]
    public void Parse_HostPortOrHttpUri_ChannelUri(string address, string expected)
    {
        // Act
        var uri = CoordinatorAddress.Parse(address);

        // Assert
        uri.ToString().Should().Be(expected);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.1:0")]
    [InlineData("127.0.0.1:70000")]
    [InlineData("127.0.0.1:port")]
    [InlineData("ftp://127.0.0.1:21")]
    [InlineData(" ")]
    public void Parse_NotAnAddress_ArgumentExceptionNamingIt(string address)
    {
        // Act
        var act = () => CoordinatorAddress.Parse(address);

        // Assert
        act.Should().Throw<ArgumentException>().Which.Message.Should().ContainAny(address.Trim().Length == 0 ? "white" : address);
    }
}
