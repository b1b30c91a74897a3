using System.Buffers;
using System.IO.Pipelines;
using FluentAssertions;
using PairDb.Rpc.Framing;
using PairDb.Rpc.Tests.Protos;

namespace PairDb.Rpc.Tests.Framing;

public sealed class FrameReaderTests
{
    // EchoReply { text = "hi" }: field 1, wire type 2 (0x0A), length 2, 'h' 'i'.
    private static readonly byte[] HiFrame =
    [
        0x00,                   // compressed flag: not compressed
        0x00, 0x00, 0x00, 0x04, // message length: 4 (big-endian)
        0x0A, 0x02, 0x68, 0x69, // EchoReply.text = "hi"
    ];

    [Fact]
    public void TryReadFrame_CompleteFrame_ReturnsPayloadAndConsumesIt()
    {
        var buffer = new ReadOnlySequence<byte>([.. HiFrame, 0x00]);

        var ok = FrameReader.TryReadFrame(ref buffer, 1024, out var payload);

        ok.Should().BeTrue();
        payload.ToArray().Should().Equal(0x0A, 0x02, 0x68, 0x69);
        buffer.Length.Should().Be(1, "the byte after the frame stays for the next read");
    }

    [Fact]
    public void TryReadFrame_ZeroLengthMessage_ReturnsEmptyPayload()
    {
        var buffer = new ReadOnlySequence<byte>(
        [
            0x00,                   // not compressed
            0x00, 0x00, 0x00, 0x00, // length 0: a message with every field at its default
        ]);

        FrameReader.TryReadFrame(ref buffer, 1024, out var payload).Should().BeTrue();

        payload.Length.Should().Be(0);
        EchoReply.Parser.ParseFrom(payload).Should().Be(new EchoReply());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(8)]
    public void TryReadFrame_IncompleteBuffer_ReturnsFalseAndLeavesBuffer(int available)
    {
        var buffer = new ReadOnlySequence<byte>(HiFrame.AsMemory(0, available));

        FrameReader.TryReadFrame(ref buffer, 1024, out _).Should().BeFalse();

        buffer.Length.Should().Be(available);
    }

    [Fact]
    public void TryReadFrame_LengthAboveLimit_ThrowsResourceExhaustedFromHeaderAlone()
    {
        var buffer = new ReadOnlySequence<byte>(
        [
            0x00,                   // not compressed
            0x00, 0x01, 0x00, 0x01, // length 65,537: one above the 64 KiB limit; no body needed to refuse
        ]);

        var act = () => FrameReader.TryReadFrame(ref buffer, 65536, out _);

        act.Should().Throw<RpcException>().Which.StatusCode.Should().Be(StatusCode.ResourceExhausted);
    }

    [Fact]
    public void TryReadFrame_CompressedFlag_ThrowsUnimplemented()
    {
        var buffer = new ReadOnlySequence<byte>(
        [
            0x01,                   // compressed flag set: we accept identity only
            0x00, 0x00, 0x00, 0x01, // length 1
            0xFF,                   // (compressed bytes)
        ]);

        var act = () => FrameReader.TryReadFrame(ref buffer, 1024, out _);

        act.Should().Throw<RpcException>().Which.StatusCode.Should().Be(StatusCode.Unimplemented);
    }

    [Fact]
    public void TryReadFrame_InvalidFlagByte_ThrowsInternal()
    {
        var buffer = new ReadOnlySequence<byte>([0x07, 0x00, 0x00, 0x00, 0x00]); // flag 7 is not defined

        var act = () => FrameReader.TryReadFrame(ref buffer, 1024, out _);

        act.Should().Throw<RpcException>().Which.StatusCode.Should().Be(StatusCode.Internal);
    }

    [Fact]
    public async Task ReadMessageAsync_HeaderSplitAcrossReads_ReassemblesMessage()
    {
        var pipe = new Pipe();
        var read = FrameReader.ReadMessageAsync(pipe.Reader, EchoReply.Parser, 1024, CancellationToken.None).AsTask();

        await pipe.Writer.WriteAsync(HiFrame.AsMemory(0, 2));   // flag + first length byte
        await pipe.Writer.WriteAsync(HiFrame.AsMemory(2, 4));   // rest of the length + first body byte
        await pipe.Writer.WriteAsync(HiFrame.AsMemory(6, 3));   // rest of the body
        var message = await read;

        message!.Text.Should().Be("hi");
    }

    [Fact]
    public async Task ReadMessageAsync_TwoFramesInOneRead_ReturnsBothThenNullAtEnd()
    {
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync((byte[])[.. HiFrame, .. HiFrame]);
        await pipe.Writer.CompleteAsync();

        var first = await FrameReader.ReadMessageAsync(pipe.Reader, EchoReply.Parser, 1024, CancellationToken.None);
        var second = await FrameReader.ReadMessageAsync(pipe.Reader, EchoReply.Parser, 1024, CancellationToken.None);
        var end = await FrameReader.ReadMessageAsync(pipe.Reader, EchoReply.Parser, 1024, CancellationToken.None);

        first!.Text.Should().Be("hi");
        second!.Text.Should().Be("hi");
        end.Should().BeNull();
    }

    [Fact]
    public async Task ReadMessageAsync_StreamEndsInsideFrame_ThrowsInternalIncomplete()
    {
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(HiFrame.AsMemory(0, 7)); // header says 4 body bytes, only 2 arrive
        await pipe.Writer.CompleteAsync();

        var act = async () => await FrameReader.ReadMessageAsync(pipe.Reader, EchoReply.Parser, 1024, CancellationToken.None);

        (await act.Should().ThrowAsync<RpcException>()).Which.Detail.Should().Contain("Incomplete message");
    }

    [Fact]
    public async Task ReadMessageAsync_MalformedProtobuf_ThrowsInternal()
    {
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync((byte[])
        [
            0x00, 0x00, 0x00, 0x00, 0x02, // not compressed, length 2
            0x0A, 0x05,                   // field 1 claims 5 bytes but the message ends
        ]);
        await pipe.Writer.CompleteAsync();

        var act = async () => await FrameReader.ReadMessageAsync(pipe.Reader, EchoReply.Parser, 1024, CancellationToken.None);

        (await act.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.Internal);
    }
}
