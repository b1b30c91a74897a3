using System.Buffers;
using System.Net;
using Google.Protobuf;
using PairDb.Rpc.Framing;

namespace PairDb.Rpc.Client.Internal;

/// <summary>The request body: one framed message of known length, so HTTP/2 ends the stream with the data.</summary>
internal sealed class FrameContent : HttpContent
{
    private static readonly System.Net.Http.Headers.MediaTypeHeaderValue GrpcContentType = new(GrpcProtocol.ContentType);
    private readonly IMessage _message;
    private readonly int _framedSize;

    public FrameContent(IMessage message, int maxSendMessageSize)
    {
        _message = message;
        _framedSize = FrameWriter.FramedSize(message, maxSendMessageSize);
        Headers.ContentType = GrpcContentType;
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(_framedSize);
        try
        {
            FrameWriter.WriteFrame(buffer.AsSpan(0, _framedSize), _message);
            await stream.WriteAsync(buffer.AsMemory(0, _framedSize), cancellationToken);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _framedSize;
        return true;
    }
}
