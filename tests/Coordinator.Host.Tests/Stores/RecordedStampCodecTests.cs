using FluentAssertions;
using PairDb.Actors.Ports;
using PairDb.Coordinator.Stores;
using PairDb.Messages.Values;

namespace PairDb.Coordinator.Tests.Stores;

/// <summary>The stored form of recorded stamps: exact round trips and rejection of garbage.</summary>
public sealed class RecordedStampCodecTests
{
    [Fact]
    public void Decode_OfEncode_ReturnsAnEqualStamp()
    {
        var stamp = new RecordedStamp(
            VectorClock.From([new ClockEntry("coord-1", 3), new ClockEntry("ü-node", long.MaxValue)]),
            VectorClock.From([new ClockEntry("coord-1", 4), new ClockEntry("coord-2", 1), new ClockEntry("ü-node", long.MaxValue)]),
            1_764_000_000_000_123,
            "coord-1");

        RecordedStampCodec.Decode(RecordedStampCodec.Encode(stamp)).Should().Be(stamp);
    }

    [Fact]
    public void Decode_EmptyClocks_ReturnsEmptyClocks()
    {
        var stamp = new RecordedStamp(VectorClock.Empty, VectorClock.Empty, 0, "c");

        RecordedStampCodec.Decode(RecordedStampCodec.Encode(stamp)).Should().Be(stamp);
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 2, 0, 0, 0, 0 })]
    [InlineData(new byte[] { 1, 0xff, 0xff, 0xff, 0x7f })]
    [InlineData(new byte[] { 1, 0, 0, 0, 0, 0, 0, 0, 0 })]
    public void Decode_Garbage_ThrowsInvalidData(byte[] data)
    {
        var act = () => RecordedStampCodec.Decode(data);

        act.Should().Throw<InvalidDataException>();
    }

    [Fact]
    public void Decode_TrailingBytes_ThrowsInvalidData()
    {
        var encoded = RecordedStampCodec.Encode(new RecordedStamp(VectorClock.Empty, VectorClock.Empty, 7, "c"));

        var act = () => RecordedStampCodec.Decode([.. encoded, 0]);

        act.Should().Throw<InvalidDataException>().WithMessage("*trailing*");
    }
}
