using System.Net;
using System.Net.Http.Headers;
using FluentAssertions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using PairDb.Rpc.Client;
using PairDb.Rpc.Server;
using PairDb.Rpc.Tests.Protos;
using PairDb.Rpc.Tests.Support;

namespace PairDb.Rpc.Tests.Observability;

/// <summary>
/// The server layer reports each finished call to <see cref="GrpcServerOptions.CallObserver"/>: method, the status the
/// client saw, duration, and the tenant the handler attached. The handler here attaches the request's text as tenant.
/// </summary>
public sealed class ServerCallObserverTests : IAsyncLifetime
{
    // EchoRequest {} framed: not compressed, length 0.
    private static readonly byte[] EmptyRequestFrame = [0x00, 0x00, 0x00, 0x00, 0x00];

    // The server's own deadline, so only the server decides when a call times out (a client deadline would race it).
    private static readonly TimeSpan ServerDeadline = TimeSpan.FromSeconds(2);

    private readonly RecordingObserver _observer = new();
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false });
    private WebApplication? _app;
    private GrpcChannel? _channel;
    private int _port;

    public async Task InitializeAsync()
    {
        _port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, _port, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpcServer(options =>
        {
            options.CallObserver = _observer;
            options.MaxDeadline = ServerDeadline;
        });
        _app = builder.Build();
        _app.MapGrpcService(new GrpcServiceBuilder(EchoMethods.ServiceName).Unary(EchoMethods.Echo, EchoAsync).Build());
        await _app.StartAsync();
        _channel = GrpcChannel.ForAddress("http://127.0.0.1:" + _port);
    }

    public async Task DisposeAsync()
    {
        _channel?.Dispose();
        _http.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    [Fact]
    public async Task OnCallCompleted_SuccessfulCall_ReportsMethodOkAndTenant()
    {
        await _channel!.UnaryAsync(EchoMethods.Echo, new EchoRequest { Text = "acme" });

        var call = await _observer.NextAsync();

        call.Method.Should().Be("/test.EchoService/Echo");
        call.Status.Should().Be(StatusCode.OK);
        call.Tenant.Should().Be("acme");
        call.Duration.Should().BeGreaterThan(TimeSpan.Zero);
    }

    [Fact]
    public async Task OnCallCompleted_HandlerThrowsRpcException_ReportsThatStatus()
    {
        var act = () => _channel!.UnaryAsync(EchoMethods.Echo, new EchoRequest { Text = "acme", StatusCode = (int)StatusCode.NotFound });
        await act.Should().ThrowAsync<RpcException>();

        var call = await _observer.NextAsync();

        call.Status.Should().Be(StatusCode.NotFound);
        call.Tenant.Should().Be("acme");
    }

    [Fact]
    public async Task OnCallCompleted_HandlerThrowsUnexpected_ReportsInternal()
    {
        var act = () => _channel!.UnaryAsync(EchoMethods.Echo, new EchoRequest { ThrowUnexpected = true });
        await act.Should().ThrowAsync<RpcException>();

        var call = await _observer.NextAsync();

        call.Status.Should().Be(StatusCode.Internal);
        call.Tenant.Should().BeNull("the handler failed before attaching one");
    }

    [Fact]
    public async Task OnCallCompleted_DeadlinePassesWhileHandlerIgnoresIt_ReportsDeadlineExceededOnce()
    {
        var slow = (int)ServerDeadline.TotalMilliseconds + 500;
        var act = () => _channel!.UnaryAsync(EchoMethods.Echo, new EchoRequest { Text = "slow", DelayMs = slow, IgnoreCancellation = true });
        (await act.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.DeadlineExceeded);

        var call = await _observer.NextAsync();

        call.Status.Should().Be(StatusCode.DeadlineExceeded);
        call.Tenant.Should().Be("slow");
        // The handler sleeps `slow` ms past the deadline's 2 s; timer granularity can make a 2.5 s sleep measure a hair
        // under 2.5 s, so the bound leaves 100 ms of slack while still proving the report waited for the handler.
        call.Duration.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(slow - 100), "the call is reported once its handler has finished");
        await _channel!.UnaryAsync(EchoMethods.Echo, new EchoRequest { Text = "next" });
        (await _observer.NextAsync()).Tenant.Should().Be("next", "the timed-out call was reported exactly once");
    }

    [Fact]
    public async Task OnCallCompleted_RequestRejectedByProtocolChecks_ReportsTheStatusSent()
    {
        using var response = await SendRawAsync("application/json", timeout: null);

        var call = await _observer.NextAsync();

        response.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
        call.Method.Should().Be("/test.EchoService/Echo");
        call.Status.Should().Be(StatusCode.Internal);
        call.Tenant.Should().BeNull();
    }

    [Fact]
    public async Task OnCallCompleted_MalformedTimeout_ReportsInternal()
    {
        using var response = await SendRawAsync("application/grpc", timeout: "soon");

        var call = await _observer.NextAsync();

        call.Status.Should().Be(StatusCode.Internal);
    }

    private static async Task<EchoReply> EchoAsync(EchoRequest request, ServerCallContext context)
    {
        if (request.ThrowUnexpected)
        {
            throw new InvalidOperationException("boom");
        }

        context.Tenant = request.Text;
        if (request.DelayMs > 0)
        {
            await Task.Delay(request.DelayMs, CancellationToken.None);
        }

        if (request.StatusCode != 0)
        {
            throw new RpcException((StatusCode)request.StatusCode, request.StatusMessage);
        }

        return new EchoReply { Text = request.Text };
    }

    private async Task<HttpResponseMessage> SendRawAsync(string contentType, string? timeout)
    {
        var content = new ByteArrayContent(EmptyRequestFrame);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{_port}{EchoMethods.Echo.FullName}")
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        request.Headers.TryAddWithoutValidation("te", "trailers");
        if (timeout is not null)
        {
            request.Headers.TryAddWithoutValidation("grpc-timeout", timeout);
        }

        var response = await _http.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();
        return response;
    }
}
