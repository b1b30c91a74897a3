using System.Buffers;
using System.Buffers.Binary;
using Google.Protobuf;

namespace PairDb.Rpc.Framing;

/// <summary>The one writer of gRPC length-prefixed message frames (never compressed).</summary>
public static class FrameWriter
{
    /// <summary>Size on the wire of <paramref name="message"/> once framed; throws RESOURCE_EXHAUSTED above the limit.</summary>
    public static int FramedSize(IMessage message, int maxMessageSize)
    {
        ArgumentNullException.ThrowIfNull(message);
        var size = message.CalculateSize();
        if (size > maxMessageSize)
        {
            throw new RpcException(StatusCode.ResourceExhausted, $"Sending message of {size} bytes exceeds the limit of {maxMessageSize} bytes.");
        }

        return GrpcProtocol.FrameHeaderSize + size;
    }

    /// <summary>Writes header and message into one contiguous span taken from <paramref name="output"/>.</summary>
    public static void WriteFrame(IBufferWriter<byte> output, IMessage message, int maxMessageSize)
    {
        ArgumentNullException.ThrowIfNull(output);
        var framed = FramedSize(message, maxMessageSize);
        var span = output.GetSpan(framed)[..framed];
        WriteFrame(span, message);
        output.Advance(framed);
    }

    /// <summary>Writes a frame into exactly <c>5 + message size</c> bytes of <paramref name="destination"/>.</summary>
    public static void WriteFrame(Span<byte> destination, IMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var size = destination.Length - GrpcProtocol.FrameHeaderSize;
        destination[0] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(destination[1..], (uint)size);
        message.WriteTo(destination[GrpcProtocol.FrameHeaderSize..]);
    }
}
