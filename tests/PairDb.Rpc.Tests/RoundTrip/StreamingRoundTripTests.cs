using FluentAssertions;
using PairDb.Rpc.Client;
using PairDb.Rpc.Tests.Protos;
using PairDb.Rpc.Tests.Support;

namespace PairDb.Rpc.Tests.RoundTrip;

[Collection(EchoServerCollection.Name)]
public sealed class StreamingRoundTripTests : IDisposable
{
    private readonly EchoServerFixture _server;
    private readonly GrpcChannel _channel;

    public StreamingRoundTripTests(EchoServerFixture server)
    {
        _server = server;
        _channel = GrpcChannel.ForAddress(server.Address);
    }

    public void Dispose() => _channel.Dispose();

    [Fact]
    public async Task ServerStreaming_Count_ReceivesEveryMessageInOrder()
    {
        using var call = _channel.ServerStreaming(EchoMethods.Count, new CountRequest { Count = 500 }, new CallOptions(Timeout: TimeSpan.FromSeconds(30)));
        var received = new List<int>();

        await foreach (var reply in call.ReadAllAsync())
        {
            received.Add(reply.N);
        }

        received.Should().Equal(Enumerable.Range(1, 500));
    }

    [Fact]
    public async Task ServerStreaming_ZeroMessages_CompletesEmpty()
    {
        using var call = _channel.ServerStreaming(EchoMethods.Count, new CountRequest { Count = 0 });
        var count = 0;

        await foreach (var unused in call.ReadAllAsync())
        {
            count++;
        }

        count.Should().Be(0);
    }

    [Fact]
    public async Task ServerStreaming_FailsMidway_MessagesThenStatusFromTrailers()
    {
        using var call = _channel.ServerStreaming(EchoMethods.Count, new CountRequest { Count = 10, FailAfter = 3 });
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
    public async Task ServerStreaming_DeadlineMidStream_DeadlineExceeded()
    {
        using var call = _channel.ServerStreaming(EchoMethods.Count, new CountRequest { Count = 1000, DelayMs = 50 }, new CallOptions(Timeout: TimeSpan.FromMilliseconds(300)));

        var act = async () =>
        {
            await foreach (var unused in call.ReadAllAsync())
            {
            }
        };

        (await act.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.DeadlineExceeded);
    }

    [Fact]
    public async Task ServerStreaming_CallerStopsEarly_ServerSeesCancellation()
    {
        _server.Service.Reset();
        using var cts = new CancellationTokenSource();
        var call = _channel.ServerStreaming(EchoMethods.Count, new CountRequest { Count = 100_000, DelayMs = 20 });

        var act = async () =>
        {
            await foreach (var reply in call.ReadAllAsync(cts.Token))
            {
                if (reply.N == 3)
                {
                    await cts.CancelAsync();
                }
            }
        };

        (await act.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.Cancelled);
        call.Dispose();
        await _server.Service.ServerSawCancellation.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
