using FluentAssertions;
using PairDb.Client.Internal;

namespace PairDb.Client.Tests.Internal;

public sealed class ChannelSetTests
{
    private static ChannelSet Three() => new(
        [new Uri("http://127.0.0.1:1"), new Uri("http://127.0.0.1:2"), new Uri("http://127.0.0.1:3")], TimeSpan.FromSeconds(1), tls: null);

    [Fact]
    public void Preferred_New_TheFirstAddress()
    {
        // Arrange
        using var channels = Three();

        // Assert
        channels.Preferred.Should().Be(0);
        channels.Count.Should().Be(3);
    }

    [Fact]
    public void MoveOn_PreferredFailed_TheNextAndAroundToTheFirst()
    {
        // Arrange
        using var channels = Three();

        // Act / Assert
        channels.MoveOn(0);
        channels.Preferred.Should().Be(1);
        channels.MoveOn(1);
        channels.MoveOn(2);
        channels.Preferred.Should().Be(0);
    }

    [Fact]
    public void MoveOn_AddressAnotherCallAlreadyLeft_StaysWhereThatCallMoved()
    {
        // Arrange: two calls failed on address 0; the first already moved every call to address 1.
        using var channels = Three();
        channels.MoveOn(0);

        // Act
        channels.MoveOn(0);

        // Assert
        channels.Preferred.Should().Be(1, "a late failure of an address already left must not skip a working one");
    }
}
