using FluentAssertions;
using Google.Protobuf;
using PairDb.Rpc.Client;
using PairDb.Rpc.Tests.Protos;
using PairDb.Rpc.Tests.Support;

namespace PairDb.Rpc.Tests.Interop;

/// <summary>Our client calls grpc-js (an independent implementation): echo-server.js with the EchoService semantics.</summary>
[Collection(NodeInteropCollection.Name)]
public sealed class GrpcJsServerInteropTests : IClassFixture<GrpcJsEchoServerFixture>, IDisposable
{
    private static readonly CallOptions Bounded = new(Timeout: TimeSpan.FromSeconds(30));
    private readonly GrpcJsEchoServerFixture _node;
    private readonly GrpcChannel _channel;

    public GrpcJsServerInteropTests(GrpcJsEchoServerFixture node)
    {
        _node = node;
        _channel = GrpcChannel.ForAddress(node.Address);
    }

    public void Dispose() => _channel.Dispose();

    [Fact]
    public async Task UnaryAsync_GrpcJsServer_ReturnsReplyAndEchoesMetadata()
    {
        var request = new EchoRequest { Text = "hello from PairDb.Rpc", ReplySize = 10, Payload = ByteString.CopyFrom(new byte[7]) };

        var reply = await _channel.UnaryAsync(EchoMethods.Echo, request, Bounded with { Headers = [new("x-test", "meta-value")] });

        reply.Text.Should().Be("hello from PairDb.Rpc");
        reply.Header.Should().Be("meta-value");
        reply.Payload.Length.Should().Be(10);
        reply.ReceivedPayloadSize.Should().Be(7);
    }

    [Theory]
    [InlineData(StatusCode.NotFound, "tenant ‘x’ not found ✓")]
    [InlineData(StatusCode.Unavailable, "1 of 3 replicas answered (33% < quorum)")]
    public async Task UnaryAsync_GrpcJsServerAnswersStatus_ClientGetsCodeAndMessage(StatusCode code, string message)
    {
        var act = () => _channel.UnaryAsync(EchoMethods.Echo, new EchoRequest { StatusCode = (int)code, StatusMessage = message }, Bounded);

        var error = (await act.Should().ThrowAsync<RpcException>()).Which;
        error.StatusCode.Should().Be(code);
        error.Detail.Should().Be(message);
    }

    [Fact]
    public async Task UnaryAsync_TimeoutShorterThanGrpcJsHandler_DeadlineExceededAndServerSeesDeadlinedCancel()
    {
        // Connect first, so the 200 ms cover the call itself rather than connection setup.
        await _channel.UnaryAsync(EchoMethods.Echo, new EchoRequest { Text = "warm-up" }, Bounded);
        _node.ClearCancellations();

        var act = () => _channel.UnaryAsync(EchoMethods.Echo, new EchoRequest { DelayMs = 5000 }, new CallOptions(Timeout: TimeSpan.FromMilliseconds(200)));

        (await act.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.DeadlineExceeded);
        var cancelled = await _node.NextCancellationAsync(TimeSpan.FromSeconds(10));
        ((string)cancelled["method"]!).Should().Be("Echo");
        ((bool)cancelled["hadDeadline"]!).Should().BeTrue("grpc-js must have parsed our grpc-timeout header");
    }

    [Fact]
    public async Task ServerStreaming_GrpcJsServerCountHundred_ReceivesEveryMessageInOrder()
    {
        using var call = _channel.ServerStreaming(EchoMethods.Count, new CountRequest { Count = 100 }, Bounded);
        var received = new List<int>();

        await foreach (var reply in call.ReadAllAsync())
        {
            received.Add(reply.N);
        }

        received.Should().Equal(Enumerable.Range(1, 100));
    }

    [Fact]
    public async Task ServerStreaming_GrpcJsServerZeroMessages_CompletesEmpty()
    {
        using var call = _channel.ServerStreaming(EchoMethods.Count, new CountRequest { Count = 0 }, Bounded);
        var count = 0;

        await foreach (var unused in call.ReadAllAsync())
        {
            count++;
        }

        count.Should().Be(0);
    }

    [Fact]
    public async Task ServerStreaming_GrpcJsServerFailsAfterThree_MessagesThenAborted()
    {
        using var call = _channel.ServerStreaming(EchoMethods.Count, new CountRequest { Count = 10, FailAfter = 3 }, Bounded);
        var received = new List<int>();

        var act = async () =>
        {
            await foreach (var reply in call.ReadAllAsync())
            {
                received.Add(reply.N);
            }
        };

        var error = (await act.Should().ThrowAsync<RpcException>()).Which;
        error.StatusCode.Should().Be(StatusCode.Aborted);
        error.Detail.Should().Be("failed after 3");
        received.Should().Equal(1, 2, 3);
    }

    [Fact]
    public async Task UnaryAsync_GrpcJsReplyAboveClientReceiveLimit_ResourceExhausted()
    {
        using var channel = GrpcChannel.ForAddress(_node.Address, new GrpcChannelOptions { MaxReceiveMessageSize = 1000 });

        var act = () => channel.UnaryAsync(EchoMethods.Echo, new EchoRequest { ReplySize = 5000 }, Bounded);

        (await act.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.ResourceExhausted);
    }

    [Fact]
    public async Task UnaryAsync_GrpcJsServerUnknownMethod_Unimplemented()
    {
        var missing = new Method<EchoRequest, EchoReply>(MethodType.Unary, EchoMethods.ServiceName, "NoSuchMethod");

        var act = () => _channel.UnaryAsync(missing, new EchoRequest(), Bounded);

        (await act.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.Unimplemented);
    }
}
