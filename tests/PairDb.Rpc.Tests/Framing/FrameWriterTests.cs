using System.Buffers;
using FluentAssertions;
using PairDb.Rpc.Framing;
using PairDb.Rpc.Tests.Protos;

namespace PairDb.Rpc.Tests.Framing;

public sealed class FrameWriterTests
{
    [Fact]
    public void WriteFrame_SmallMessage_WritesFlagLengthAndBody()
    {
        var output = new ArrayBufferWriter<byte>();

        FrameWriter.WriteFrame(output, new EchoReply { Text = "hi" }, 1024);

        output.WrittenSpan.ToArray().Should().Equal(
            0x00,                   // not compressed
            0x00, 0x00, 0x00, 0x04, // length 4
            0x0A, 0x02, 0x68, 0x69); // field 1 (text), length 2, "hi"
    }

    [Fact]
    public void WriteFrame_EmptyMessage_WritesFiveByteHeaderOnly()
    {
        var output = new ArrayBufferWriter<byte>();

        FrameWriter.WriteFrame(output, new EchoReply(), 1024);

        output.WrittenSpan.ToArray().Should().Equal(0x00, 0x00, 0x00, 0x00, 0x00);
    }

    [Fact]
    public void WriteFrame_LengthAbove255_IsBigEndian()
    {
        var output = new ArrayBufferWriter<byte>();
        var message = new EchoReply { Payload = Google.Protobuf.ByteString.CopyFrom(new byte[300]) };

        FrameWriter.WriteFrame(output, message, 1024);

        // field 3 tag (1 byte) + varint 300 (2 bytes) + 300 bytes = 303 = 0x012F
        output.WrittenSpan[..5].ToArray().Should().Equal(0x00, 0x00, 0x00, 0x01, 0x2F);
        output.WrittenCount.Should().Be(5 + 303);
    }

    [Fact]
    public void WriteFrame_MessageAboveLimit_ThrowsResourceExhaustedAndWritesNothing()
    {
        var output = new ArrayBufferWriter<byte>();
        var message = new EchoReply { Payload = Google.Protobuf.ByteString.CopyFrom(new byte[2000]) };

        var act = () => FrameWriter.WriteFrame(output, message, 1024);

        act.Should().Throw<RpcException>().Which.StatusCode.Should().Be(StatusCode.ResourceExhausted);
        output.WrittenCount.Should().Be(0);
    }

    [Fact]
    public void WriteThenRead_RoundTrip_ReturnsSameMessage()
    {
        var output = new ArrayBufferWriter<byte>();
        var original = new EchoReply { Text = "round trip ✓", Header = "h", ReceivedPayloadSize = 42 };
        FrameWriter.WriteFrame(output, original, 1 << 20);
        var buffer = new ReadOnlySequence<byte>(output.WrittenMemory);

        FrameReader.TryReadFrame(ref buffer, 1 << 20, out var payload).Should().BeTrue();

        EchoReply.Parser.ParseFrom(payload).Should().Be(original);
        buffer.Length.Should().Be(0);
    }
}
