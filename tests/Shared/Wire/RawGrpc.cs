using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;

namespace PairDb.Tests.Shared.Wire;

/// <summary>
/// Sends one unary gRPC call as hand-built bytes over HTTP/2 cleartext, with any grpc-timeout text, and reads the
/// answer as a client sees it on the wire: no gRPC client library re-encodes the request or interprets the answer.
/// </summary>
public static class RawGrpc
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    /// <param name="address">The server, e.g. http://127.0.0.1:50051.</param>
    /// <param name="path">The method path, e.g. /proto.CoordinatorService/WriteKeyValue.</param>
    /// <param name="message">The protobuf message bytes (framed here).</param>
    /// <param name="timeout">The grpc-timeout header's text, or null to send none.</param>
    public static async Task<RawGrpcAnswer> UnaryAsync(string address, string path, byte[] message, string? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var client = new HttpClient(new SocketsHttpHandler()) { Timeout = Bound };

        // The gRPC message frame: 1 byte "not compressed", 4 bytes big-endian length, then the message.
        var frame = new byte[5 + message.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)message.Length);
        message.CopyTo(frame, 5);
        using var request = new HttpRequestMessage(HttpMethod.Post, address.TrimEnd('/') + path)
        {
            Content = new ByteArrayContent(frame),

            // HTTP/2 without the upgrade dance (prior knowledge), as gRPC clients speak to a cleartext server.
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Headers.TE.Add(new TransferCodingWithQualityHeaderValue("trailers"));
        if (timeout is not null)
        {
            request.Headers.TryAddWithoutValidation("grpc-timeout", timeout);
        }

        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();
        var status = Header(response.TrailingHeaders, "grpc-status") ?? Header(response.Headers, "grpc-status");
        var detail = Header(response.TrailingHeaders, "grpc-message") ?? Header(response.Headers, "grpc-message");
        return new RawGrpcAnswer((int)response.StatusCode, status, detail is null ? null : Uri.UnescapeDataString(detail), body);
    }

    private static string? Header(HttpHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;
}
