using FluentAssertions;
using PairDb.Messages.Values;

namespace PairDb.Messages.Tests.Values;

public sealed class VersionedValueTests
{
    private static readonly VectorClock A1 = VectorClock.Empty.Increment("a");
    private static readonly VectorClock B1 = VectorClock.Empty.Increment("b");

    [Fact]
    public void Constructor_Tombstone_DropsValue()
    {
        var tombstone = new VersionedValue(new byte[] { 1, 2 }, A1, 5, "a", tombstone: true);

        tombstone.Value.IsEmpty.Should().BeTrue();
        tombstone.Tombstone.Should().BeTrue();
    }

    [Fact]
    public void Constructor_NullClockOrCoordinator_Throws()
    {
        var nullClock = () => new VersionedValue(default, null!, 1, "a", false);
        var nullCoordinator = () => new VersionedValue(default, A1, 1, null!, false);

        nullClock.Should().Throw<ArgumentNullException>();
        nullCoordinator.Should().Throw<ArgumentNullException>();
    }

    public static TheoryData<VersionedValue, VersionedValue> LastWriteWinsCases => new()
    {
        // (winner, loser): each row differs from the previous key only in the next tie-break.
        { new VersionedValue(new byte[] { 1 }, A1, 11, "a", false), new VersionedValue(new byte[] { 9 }, B1, 10, "z", false) },
        { new VersionedValue(new byte[] { 1 }, A1, 10, "b", false), new VersionedValue(new byte[] { 9 }, B1, 10, "a", false) },
        { new VersionedValue(default, A1, 10, "a", false), new VersionedValue(default, B1, 10, "a", true) },
        { new VersionedValue(new byte[] { 2 }, A1, 10, "a", false), new VersionedValue(new byte[] { 1 }, B1, 10, "a", false) },
        { new VersionedValue(new byte[] { 1 }, B1, 10, "a", false), new VersionedValue(new byte[] { 1 }, A1, 10, "a", false) },
        { new VersionedValue(new byte[] { 1 }, A1.Increment("b"), 10, "a", false), new VersionedValue(new byte[] { 1 }, A1, 10, "a", false) },
        { new VersionedValue(new byte[] { 1 }, A1, 10, "a", false, expiresAtMicros: 500), new VersionedValue(new byte[] { 1 }, A1, 10, "a", false) },
    };

    [Theory]
    [MemberData(nameof(LastWriteWinsCases))]
    public void CompareLastWriteWins_TieBreakChain_OrdersWinnerFirst(VersionedValue winner, VersionedValue loser)
    {
        VersionedValue.CompareLastWriteWins(winner, loser).Should().BePositive();
        VersionedValue.CompareLastWriteWins(loser, winner).Should().BeNegative();
    }

    [Fact]
    public void Equals_SameFields_EqualWithSameHashCode()
    {
        var a = new VersionedValue(new byte[] { 1, 2 }, A1, 10, "a", false);
        var b = new VersionedValue(new byte[] { 1, 2 }, VectorClock.From([new ClockEntry("a", 1)]), 10, "a", false);

        a.Equals(b).Should().BeTrue();
        a.Equals((object)b).Should().BeTrue();
        a.GetHashCode().Should().Be(b.GetHashCode());
        VersionedValue.CompareLastWriteWins(a, b).Should().Be(0);
        a.Equals(new VersionedValue(new byte[] { 1, 3 }, A1, 10, "a", false)).Should().BeFalse();
        a.Equals(new VersionedValue(new byte[] { 1, 2 }, B1, 10, "a", false)).Should().BeFalse();
        a.Equals(new VersionedValue(new byte[] { 1, 2 }, A1, 10, "a", false, expiresAtMicros: 500)).Should().BeFalse();
        a.Equals(null).Should().BeFalse();
    }

    [Fact]
    public void ToString_DescribesVersion()
    {
        new VersionedValue(new byte[] { 1, 2 }, A1, 10, "a", false).ToString().Should().Be("2 bytes {a:1} @10 by a");
        new VersionedValue(default, A1, 10, "a", true).ToString().Should().Be("tombstone {a:1} @10 by a");
        new VersionedValue(new byte[] { 1 }, A1, 10, "a", false, expiresAtMicros: 500).ToString().Should().Be("1 bytes {a:1} @10 by a expires @500");
    }

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
}
