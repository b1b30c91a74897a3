using FluentAssertions;
using PairDb.Messages.Values;

namespace PairDb.Messages.Tests.Values;

public sealed class VersionedValueTests
{
    private static readonly VectorClock A1 = VectorClock.Empty.Increment("a");

    [Theory]
    [InlineData(0L, 1L, true)]
    [InlineData(0L, long.MaxValue, true)]
    [InlineData(500L, 499L, true)]
    [InlineData(500L, 500L, false)]
    [InlineData(500L, 501L, false)]
    public void IsLive_ByExpiry_IsTrueOnlyBeforeIt(long expiresAt, long now, bool live)
    {
        var version = new VersionedValue(new byte[] { 1 }, A1, 100, "a", tombstone: false, expiresAtMicros: expiresAt);

        version.IsLive(now).Should().Be(live);
    }

    [Fact]
    public void IsLive_Tombstone_IsFalseAndCarriesNoExpiry()
    {
        var tombstone = new VersionedValue(default, A1, 100, "a", tombstone: true, expiresAtMicros: 500);

        tombstone.IsLive(0).Should().BeFalse();
        tombstone.ExpiresAtMicros.Should().Be(0);
    }

    [Fact]
    public void Equals_DifferentExpiry_IsNotEqualAndOrdersByIt()
    {
        var never = new VersionedValue(new byte[] { 1 }, A1, 100, "a", tombstone: false);
        var expiring = new VersionedValue(new byte[] { 1 }, A1, 100, "a", tombstone: false, expiresAtMicros: 500);

        never.Equals(expiring).Should().BeFalse();
        VersionedValue.CompareLastWriteWins(never, expiring).Should().BeNegative();
        VersionedValue.CompareLastWriteWins(expiring, never).Should().BePositive();
        expiring.ToString().Should().Contain("expires @500");
    }
}
