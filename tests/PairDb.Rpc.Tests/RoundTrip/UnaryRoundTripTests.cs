using FluentAssertions;
using Google.Protobuf;
using PairDb.Rpc.Client;
using PairDb.Rpc.Tests.Protos;
using PairDb.Rpc.Tests.Support;

namespace PairDb.Rpc.Tests.RoundTrip;

[Collection(EchoServerCollection.Name)]
public sealed class UnaryRoundTripTests : IDisposable
{
    private readonly EchoServerFixture _server;
    private readonly GrpcChannel _channel;

    public UnaryRoundTripTests(EchoServerFixture server)
    {
        _server = server;
        _channel = GrpcChannel.ForAddress(server.Address);
    }

    public void Dispose() => _channel.Dispose();

    [Fact]
    public async Task UnaryAsync_Echo_ReturnsReplyAndReadsMetadata()
    {
        var reply = await _channel.UnaryAsync(
            EchoMethods.Echo,
            new EchoRequest { Text = "hello", ReplySize = 10, Payload = ByteString.CopyFrom(new byte[7]) },
            new CallOptions(Timeout: TimeSpan.FromSeconds(10), Headers: [new("x-test", "meta-value")]));

        reply.Text.Should().Be("hello");
        reply.Header.Should().Be("meta-value");
        reply.Payload.Length.Should().Be(10);
        reply.ReceivedPayloadSize.Should().Be(7);
    }

    [Fact]
    public async Task UnaryAsync_EmptyRequest_ReturnsEmptyReply()
    {
        var reply = await _channel.UnaryAsync(EchoMethods.Echo, new EchoRequest());

        reply.Should().Be(new EchoReply());
    }

    [Theory]
    [InlineData(StatusCode.NotFound, "tenant 'x' not found")]
    [InlineData(StatusCode.Unavailable, "1 of 3 replicas answered; 100% ✓\nnext line")]
    [InlineData(StatusCode.InvalidArgument, "")]
    public async Task UnaryAsync_HandlerThrowsRpcException_ClientGetsStatusAndMessage(StatusCode code, string message)
    {
        var act = () => _channel.UnaryAsync(EchoMethods.Echo, new EchoRequest { StatusCode = (int)code, StatusMessage = message });

        var error = (await act.Should().ThrowAsync<RpcException>()).Which;
        error.StatusCode.Should().Be(code);
        error.Detail.Should().Be(message);
    }

    [Fact]
    public async Task UnaryAsync_HandlerThrowsUnexpected_InternalWithoutDetails()
    {
        var act = () => _channel.UnaryAsync(EchoMethods.Echo, new EchoRequest { ThrowUnexpected = true });

        var error = (await act.Should().ThrowAsync<RpcException>()).Which;
        error.StatusCode.Should().Be(StatusCode.Internal);
        error.Detail.Should().NotContain("secret");
    }

    [Fact]
    public async Task UnaryAsync_ClientDeadlineShorterThanHandler_DeadlineExceededAndServerCancelled()
    {
        _server.Service.Reset();

        // Long enough that the call reaches the handler even on a loaded machine; the handler waits 30 s.
        var act = () => _channel.UnaryAsync(EchoMethods.Echo, new EchoRequest { DelayMs = 30_000 }, new CallOptions(Timeout: TimeSpan.FromSeconds(2)));

        (await act.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.DeadlineExceeded);
        await _server.Service.HandlerStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await _server.Service.ServerSawCancellation.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task UnaryAsync_CallerCancels_CancelledAndServerSeesReset()
    {
        _server.Service.Reset();
        using var cts = new CancellationTokenSource();
        var call = _channel.UnaryAsync(EchoMethods.Echo, new EchoRequest { DelayMs = 30_000 }, new CallOptions(CancellationToken: cts.Token));
        await _server.Service.HandlerStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));

        await cts.CancelAsync();

        (await ((Func<Task>)(() => call)).Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.Cancelled);
        await _server.Service.ServerSawCancellation.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task UnaryAsync_RequestAboveServerLimit_ResourceExhausted()
    {
        var request = new EchoRequest { Payload = ByteString.CopyFrom(new byte[EchoServerFixture.MaxReceiveMessageSize + 1]) };

        var act = () => _channel.UnaryAsync(EchoMethods.Echo, request);

        (await act.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.ResourceExhausted);
    }

    [Fact]
    public async Task UnaryAsync_RequestAboveClientSendLimit_ResourceExhaustedWithoutSending()
    {
        using var channel = GrpcChannel.ForAddress(_server.Address, new GrpcChannelOptions { MaxSendMessageSize = 100 });

        var act = () => channel.UnaryAsync(EchoMethods.Echo, new EchoRequest { Payload = ByteString.CopyFrom(new byte[200]) });

        (await act.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.ResourceExhausted);
    }

    [Fact]
    public async Task UnaryAsync_ReplyAboveClientReceiveLimit_ResourceExhausted()
    {
        using var channel = GrpcChannel.ForAddress(_server.Address, new GrpcChannelOptions { MaxReceiveMessageSize = 1000 });

        var act = () => channel.UnaryAsync(EchoMethods.Echo, new EchoRequest { ReplySize = 5000 });

        (await act.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.ResourceExhausted);
    }

    [Fact]
    public async Task UnaryAsync_UnknownMethod_Unimplemented()
    {
        var missing = new Method<EchoRequest, EchoReply>(MethodType.Unary, EchoMethods.ServiceName, "NoSuchMethod");

        var act = () => _channel.UnaryAsync(missing, new EchoRequest());

        var error = (await act.Should().ThrowAsync<RpcException>()).Which;
        error.StatusCode.Should().Be(StatusCode.Unimplemented);
        error.Detail.Should().Contain("NoSuchMethod");
    }

    [Fact]
    public async Task UnaryAsync_UnknownService_Unimplemented()
    {
        var missing = new Method<EchoRequest, EchoReply>(MethodType.Unary, "nope.Missing", "Echo");

        var act = () => _channel.UnaryAsync(missing, new EchoRequest());

        (await act.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.Unimplemented);
    }

    [Fact]
    public async Task UnaryAsync_NothingListening_Unavailable()
    {
        using var channel = GrpcChannel.ForAddress("http://127.0.0.1:" + FreePort.Next());

        var act = () => channel.UnaryAsync(EchoMethods.Echo, new EchoRequest(), new CallOptions(Timeout: TimeSpan.FromSeconds(10)));

        (await act.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.Unavailable);
    }

    [Fact]
    public async Task UnaryAsync_ThousandConcurrentCallsOnOneConnection_AllSucceed()
    {
        using var channel = GrpcChannel.ForAddress(_server.Address, new GrpcChannelOptions { EnableMultipleHttp2Connections = false });
        var calls = new Task<EchoReply>[1000];

        for (var i = 0; i < calls.Length; i++)
        {
            calls[i] = channel.UnaryAsync(EchoMethods.Echo, new EchoRequest { Text = "n" + i, DelayMs = 5 }, new CallOptions(Timeout: TimeSpan.FromSeconds(60)));
        }

        var replies = await Task.WhenAll(calls);

        for (var i = 0; i < replies.Length; i++)
        {
            replies[i].Text.Should().Be("n" + i);
        }
    }
}
