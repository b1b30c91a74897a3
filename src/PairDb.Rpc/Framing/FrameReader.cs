using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using Google.Protobuf;

namespace PairDb.Rpc.Framing;

/// <summary>
/// The one reader of gRPC length-prefixed message frames: 1 byte compressed flag, 4 bytes big-endian length,
/// then the message. Used by the server for requests and by the client for responses.
/// </summary>
public static class FrameReader
{
    /// <summary>
    /// Tries to take one complete frame from the front of <paramref name="buffer"/>. Returns false when more bytes
    /// are needed (buffer untouched). Throws <see cref="RpcException"/> for a compressed frame or one above
    /// <paramref name="maxMessageSize"/> as soon as its header is seen, without waiting for the body.
    /// </summary>
    public static bool TryReadFrame(ref ReadOnlySequence<byte> buffer, int maxMessageSize, out ReadOnlySequence<byte> payload)
    {
        payload = default;
        if (buffer.Length < GrpcProtocol.FrameHeaderSize)
        {
            return false;
        }

        Span<byte> header = stackalloc byte[GrpcProtocol.FrameHeaderSize];
        buffer.Slice(0, GrpcProtocol.FrameHeaderSize).CopyTo(header);
        switch (header[0])
        {
            case 0:
                break;
            case 1:
                throw new RpcException(StatusCode.Unimplemented, "Compressed messages are not supported: this peer accepts grpc-encoding identity only.");
            default:
                throw new RpcException(StatusCode.Internal, $"Invalid compressed-flag byte {header[0]} in message frame.");
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(header[1..]);
        if (length > (uint)maxMessageSize)
        {
            throw new RpcException(StatusCode.ResourceExhausted, $"Received message of {length} bytes exceeds the limit of {maxMessageSize} bytes.");
        }

        if (buffer.Length < GrpcProtocol.FrameHeaderSize + length)
        {
            return false;
        }

        payload = buffer.Slice(GrpcProtocol.FrameHeaderSize, length);
        buffer = buffer.Slice(payload.End);
        return true;
    }

    /// <summary>
    /// Reads the next message from <paramref name="reader"/>; null at a clean end of stream (no partial frame).
    /// A stream that ends inside a frame is reported as INTERNAL "incomplete message".
    /// </summary>
    public static async ValueTask<T?> ReadMessageAsync<T>(PipeReader reader, MessageParser<T> parser, int maxMessageSize, CancellationToken cancellationToken)
        where T : IMessage<T>
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            try
            {
                if (TryReadFrame(ref buffer, maxMessageSize, out var payload))
                {
                    T message;
                    try
                    {
                        message = parser.ParseFrom(payload);
                    }
                    catch (InvalidProtocolBufferException ex)
                    {
                        throw new RpcException(StatusCode.Internal, "Failed to deserialize message: " + ex.Message, ex);
                    }

                    reader.AdvanceTo(buffer.Start);
                    return message;
                }

                if (result.IsCompleted)
                {
                    if (buffer.Length == 0)
                    {
                        reader.AdvanceTo(buffer.End);
                        return default;
                    }

                    throw new RpcException(StatusCode.Internal, $"Incomplete message: the stream ended {buffer.Length} bytes into a frame.");
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
            }
            catch (RpcException)
            {
                reader.AdvanceTo(buffer.End);
                throw;
            }
        }
    }
}
