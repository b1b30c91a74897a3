using FluentAssertions;
using PairDb.Messages.Protocols;
using PairDb.Messages.Serialization;
using PairDb.Messages.Values;
using PairDb.Tests.Shared;
using static PairDb.Messages.Tests.Serialization.ClusterMessageSamples;

namespace PairDb.Messages.Tests.Serialization;

/// <summary>
/// Deadlines cross nodes as remaining time: two coordinators with clocks an hour apart (each a manual clock) must agree
/// on how long a request has left, whatever their wall clocks say.
/// </summary>
public sealed class ClusterMessageDeadlineTests(ClusterSystemFixture fixture) : IClassFixture<ClusterSystemFixture>
{
    private static readonly TimeSpan Skew = TimeSpan.FromHours(1);

    private readonly ManualTimeProvider _senderClock = new(Start);

    [Theory]
    [InlineData(1)]
    [InlineData(-1)]
    public void FromBinary_WriteKeyOnSkewedNode_KeepsTheRemainingTime(int skewSign)
    {
        var receiverClock = new ManualTimeProvider(Start + (skewSign * Skew));
        var command = new WriteKey("t", "k", "v"u8.ToArray(), false, Consistency.Quorum, 3, "i", true, Start.UtcDateTime.AddMilliseconds(250));
        var bytes = Sender().ToBinary(command);
        receiverClock.Advance(TimeSpan.FromMilliseconds(3));

        var copy = (WriteKey)Receiver(receiverClock).FromBinary(bytes, "wk");

        (copy.DeadlineUtc - receiverClock.GetUtcNow().UtcDateTime).Should().Be(TimeSpan.FromMilliseconds(250));
        copy.DeadlineUtc.Kind.Should().Be(DateTimeKind.Utc);
    }

    [Fact]
    public void FromBinary_WriteKeyPastDeadlineOnNodeWithSlowerClock_StaysPast()
    {
        // As a wall-clock deadline, Start - 5 s would still be 55 minutes away on a receiver an hour behind.
        var receiverClock = new ManualTimeProvider(Start - Skew);
        var command = new WriteKey("t", "k", "v"u8.ToArray(), false, Consistency.One, 3, "i", true, Start.UtcDateTime.AddSeconds(-5));
        var bytes = Sender().ToBinary(command);

        var copy = (WriteKey)Receiver(receiverClock).FromBinary(bytes, "wk");

        copy.DeadlineUtc.Should().BeOnOrBefore(receiverClock.GetUtcNow().UtcDateTime);
    }

    [Fact]
    public void FromBinary_RealClocks_KeepsTheRemainingTimeWithinTolerance()
    {
        var serializer = new ClusterMessageSerializer(fixture.Extended);
        var sentAt = DateTime.UtcNow;
        var command = new WriteKey("t", "k", "v"u8.ToArray(), false, Consistency.Quorum, 3, "i", true, sentAt.AddSeconds(2));

        var copy = (WriteKey)serializer.FromBinary(serializer.ToBinary(command), serializer.Manifest(command));
        var remaining = copy.DeadlineUtc - DateTime.UtcNow;

        remaining.Should().BeCloseTo(TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void FromBinary_DeadlineAtMaxValue_SaturatesInsteadOfOverflowing()
    {
        var receiverClock = new ManualTimeProvider(Start + Skew);
        var command = new WriteKey("t", "k", "v"u8.ToArray(), false, Consistency.Quorum, 3, "i", true, DateTime.MaxValue);

        var copy = (WriteKey)Receiver(receiverClock).FromBinary(Sender().ToBinary(command), "wk");

        copy.DeadlineUtc.Should().Be(DateTime.MaxValue);
    }

    [Fact]
    public void ToWire_LessThanOneMicrosecondLeft_RoundsDownToDue()
    {
        var now = Start.UtcDateTime;

        RemainingTime.ToWire(now.AddTicks(9), now).Should().Be(0);
        RemainingTime.ToWire(now.AddTicks(10), now).Should().Be(1);
        RemainingTime.ToWire(now.AddTicks(-1), now).Should().Be(0);
    }

    [Fact]
    public void FromWire_NegativeRemaining_IsDueNow()
    {
        var now = Start.UtcDateTime;

        RemainingTime.FromWire(-5, now).Should().Be(now);
    }

    private ClusterMessageSerializer Sender() => new(fixture.Extended, _senderClock);

    private ClusterMessageSerializer Receiver(TimeProvider clock) => new(fixture.Extended, clock);
}
