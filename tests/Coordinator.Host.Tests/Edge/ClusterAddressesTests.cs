using Akka.Actor;
using Akka.Cluster;
using FluentAssertions;
using PairDb.Coordinator.Edge;

namespace PairDb.Coordinator.Tests.Edge;

/// <summary>host:port as operators write cluster members, and the status names the wire carries.</summary>
public sealed class ClusterAddressesTests
{
    /// <summary>This node's own address: the system and protocol a parsed member shares.</summary>
    private static readonly Address Self = new("akka.tcp", "pairdb", "10.0.0.1", 4053);

    [Theory]
    [InlineData("10.0.0.5:4053", "10.0.0.5", 4053)]
    [InlineData("coordinator-1.pairdb:4053", "coordinator-1.pairdb", 4053)]
    [InlineData("[::1]:4053", "::1", 4053)]
    public void TryParse_HostPort_AkkaTcpAddressOfTheSystem(string text, string host, int port)
    {
        // Act
        var parsed = ClusterAddresses.TryParse(text, Self, out var address, out _);

        // Assert
        parsed.Should().BeTrue();
        address.Should().Be(new Address("akka.tcp", "pairdb", host, port));
    }

    [Fact]
    public void TryParse_NodeOverTls_AkkaSslTcpAddress()
    {
        // Act
        var parsed = ClusterAddresses.TryParse("10.0.0.5:4053", new Address("akka.ssl.tcp", "pairdb", "10.0.0.1", 4053), out var address, out _);

        // Assert
        parsed.Should().BeTrue();
        address.Should().Be(new Address("akka.ssl.tcp", "pairdb", "10.0.0.5", 4053));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("10.0.0.5")]
    [InlineData(":4053")]
    [InlineData("10.0.0.5:")]
    [InlineData("10.0.0.5:port")]
    [InlineData("10.0.0.5:-1")]
    [InlineData("10.0.0.5:0")]
    [InlineData("10.0.0.5:65536")]
    [InlineData("::1:4053")]
    [InlineData("akka.tcp://pairdb@10.0.0.5:4053")]
    [InlineData("pairdb@10.0.0.5:4053")]
    [InlineData("host name:4053")]
    [InlineData("a/b:4053")]
    public void TryParse_Malformed_FalseWithReason(string? text)
    {
        // Act
        var parsed = ClusterAddresses.TryParse(text, Self, out var address, out var error);

        // Assert
        parsed.Should().BeFalse();
        address.Should().BeNull();
        error.Should().Contain("address");
    }

    [Fact]
    public void Format_RemoteAddress_HostColonPort()
    {
        // Act & Assert
        ClusterAddresses.Format(new Address("akka.tcp", "pairdb", "10.0.0.5", 4053)).Should().Be("10.0.0.5:4053");
        ClusterAddresses.Format(new Address("akka.tcp", "pairdb", "::1", 4053)).Should().Be("[::1]:4053");
    }

    [Fact]
    public void Format_ThenTryParse_SameAddress()
    {
        // Arrange
        var address = new Address("akka.tcp", "pairdb", "::1", 4053);

        // Act
        ClusterAddresses.TryParse(ClusterAddresses.Format(address), Self, out var parsed, out _).Should().BeTrue();

        // Assert
        parsed.Should().Be(address);
    }

    [Theory]
    [InlineData(MemberStatus.Joining, "joining")]
    [InlineData(MemberStatus.WeaklyUp, "weakly-up")]
    [InlineData(MemberStatus.Up, "up")]
    [InlineData(MemberStatus.Leaving, "leaving")]
    [InlineData(MemberStatus.Exiting, "exiting")]
    [InlineData(MemberStatus.Down, "down")]
    [InlineData(MemberStatus.Removed, "removed")]
    public void StatusName_EveryMemberStatus_WireName(MemberStatus status, string expected)
    {
        // Act & Assert
        ClusterMembership.StatusName(status).Should().Be(expected);
    }
}
