using System.Net;
using System.Net.Http.Headers;
using FluentAssertions;
using PairDb.Rpc.Tests.Support;

namespace PairDb.Rpc.Tests.RoundTrip;

/// <summary>Requests no well-behaved client sends, written byte by byte over a plain HTTP/2 HttpClient.</summary>
[Collection(EchoServerCollection.Name)]
public sealed class RawProtocolTests : IDisposable
{
    // EchoRequest {} framed: not compressed, length 0.
    private static readonly byte[] EmptyRequestFrame = [0x00, 0x00, 0x00, 0x00, 0x00];

    private readonly EchoServerFixture _server;
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false });

    public RawProtocolTests(EchoServerFixture server) => _server = server;

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task Post_WrongContentType_Answers415WithGrpcStatus()
    {
        using var response = await SendAsync(EmptyRequestFrame, contentType: "application/json");

        response.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
        Header(response.Headers, "grpc-status").Should().Be("13");
        Header(response.Headers, "grpc-message").Should().Contain("application/json");
    }

    [Fact]
    public async Task Post_Http11_Answers426()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{_server.Http1Port}{EchoMethods.Echo.FullName}")
        {
            Content = Body(EmptyRequestFrame, "application/grpc"),
        };

        using var response = await _http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.UpgradeRequired);
    }

    [Fact]
    public async Task Post_ValidEmptyRequest_OkStatusInTrailers()
    {
        using var response = await SendAsync(EmptyRequestFrame);
        var body = await response.Content.ReadAsByteArrayAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/grpc");
        body.Should().Equal(0x00, 0x00, 0x00, 0x00, 0x00); // one empty EchoReply frame
        Header(response.TrailingHeaders, "grpc-status").Should().Be("0");
    }

    [Fact]
    public async Task Post_CompressedFrame_UnimplementedTrailersOnly()
    {
        byte[] frame =
        [
            0x01,                   // compressed flag set
            0x00, 0x00, 0x00, 0x02, // length 2
            0x1F, 0x8B,             // (start of a gzip stream)
        ];

        using var response = await SendAsync(frame);

        Header(response.Headers, "grpc-status").Should().Be("12");
        Header(response.Headers, "grpc-message").Should().Contain("identity");
    }

    [Fact]
    public async Task Post_GrpcEncodingGzip_UnimplementedAndAdvertisesIdentity()
    {
        using var response = await SendAsync(EmptyRequestFrame, encoding: "gzip");

        Header(response.Headers, "grpc-status").Should().Be("12");
        Header(response.Headers, "grpc-accept-encoding").Should().Be("identity");
    }

    [Fact]
    public async Task Post_NoMessage_Internal()
    {
        using var response = await SendAsync([]);

        Header(response.Headers, "grpc-status").Should().Be("13");
        Header(response.Headers, "grpc-message").Should().Contain("no message");
    }

    [Fact]
    public async Task Post_TwoMessagesToUnary_Internal()
    {
        using var response = await SendAsync([.. EmptyRequestFrame, .. EmptyRequestFrame]);

        Header(response.Headers, "grpc-status").Should().Be("13");
        Header(response.Headers, "grpc-message").Should().Contain("more than one message");
    }

    [Fact]
    public async Task Post_TruncatedFrame_Internal()
    {
        byte[] frame =
        [
            0x00,                   // not compressed
            0x00, 0x00, 0x00, 0x0A, // length 10
            0x0A, 0x02,             // only 2 of the 10 bytes, then the stream ends
        ];

        using var response = await SendAsync(frame);

        Header(response.Headers, "grpc-status").Should().Be("13");
        Header(response.Headers, "grpc-message").Should().Contain("Incomplete message");
    }

    [Fact]
    public async Task Post_OversizeHeader_ResourceExhaustedBeforeBodyArrives()
    {
        byte[] frame =
        [
            0x00,                   // not compressed
            0x7F, 0xFF, 0xFF, 0xFF, // length 2 GiB - 1: far above the 64 KiB limit
        ];

        using var response = await SendAsync(frame);

        Header(response.Headers, "grpc-status").Should().Be("8");
    }

    [Fact]
    public async Task Post_MalformedTimeout_Internal()
    {
        using var response = await SendAsync(EmptyRequestFrame, timeout: "soon");

        Header(response.Headers, "grpc-status").Should().Be("13");
        Header(response.Headers, "grpc-message").Should().Contain("grpc-timeout");
    }

    [Fact]
    public async Task Post_HandlerIgnoresCancellation_ServerStillAnswersDeadlineExceeded()
    {
        // EchoRequest { delay_ms = 3000, ignore_cancellation = true }: field 4 varint 3000 (0xB8 0x17), field 5 true.
        byte[] frame =
        [
            0x00, 0x00, 0x00, 0x00, 0x05, // not compressed, length 5
            0x20, 0xB8, 0x17,             // delay_ms = 3000
            0x28, 0x01,                   // ignore_cancellation = true
        ];

        using var response = await SendAsync(frame, timeout: "100m");
        await response.Content.ReadAsByteArrayAsync();

        var status = Header(response.Headers, "grpc-status") ?? Header(response.TrailingHeaders, "grpc-status");
        status.Should().Be("4");
    }

    private async Task<HttpResponseMessage> SendAsync(byte[] body, string contentType = "application/grpc", string? encoding = null, string? timeout = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, _server.Address + EchoMethods.Echo.FullName)
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = Body(body, contentType),
        };
        request.Headers.TryAddWithoutValidation("te", "trailers");
        if (encoding is not null)
        {
            request.Headers.TryAddWithoutValidation("grpc-encoding", encoding);
        }

        if (timeout is not null)
        {
            request.Headers.TryAddWithoutValidation("grpc-timeout", timeout);
        }

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await _http.SendAsync(request, cts.Token);
    }

    private static ByteArrayContent Body(byte[] body, string contentType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    private static string? Header(HttpHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;
}
