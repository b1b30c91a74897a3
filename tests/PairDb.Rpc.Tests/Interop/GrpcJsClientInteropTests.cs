using System.Text.Json.Nodes;
using FluentAssertions;
using PairDb.Rpc.Tests.Support;

namespace PairDb.Rpc.Tests.Interop;

/// <summary>grpc-js (an independent implementation) calls our server: echo-client.js runs one scenario and prints JSON.</summary>
[Collection(NodeInteropCollection.Name)]
public sealed class GrpcJsClientInteropTests
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(60);
    private readonly EchoServerFixture _server;

    public GrpcJsClientInteropTests(EchoServerFixture server) => _server = server;

    [Fact]
    public async Task Echo_GrpcJsClientWithMetadata_ReplyCarriesTextHeaderAndPayload()
    {
        var result = await RunClientAsync("unary");

        ((int?)result["code"]).Should().Be((int)StatusCode.OK, result.ToJsonString());
        ((string)result["text"]!).Should().Be("hello from grpc-js");
        ((string)result["header"]!).Should().Be("meta-value");
        ((int)result["payloadSize"]!).Should().Be(10);
        ((int)result["receivedPayloadSize"]!).Should().Be(7);
    }

    [Theory]
    [InlineData(StatusCode.NotFound, "tenant ‘x’ not found ✓")]
    [InlineData(StatusCode.Unavailable, "1 of 3 replicas answered (33% < quorum)")]
    public async Task Echo_HandlerThrowsRpcException_GrpcJsClientGetsCodeAndMessage(StatusCode code, string message)
    {
        var result = await RunClientAsync("error", ((int)code).ToString(), message);

        ((int?)result["code"]).Should().Be((int)code, result.ToJsonString());
        ((string)result["details"]!).Should().Be(message);
    }

    [Fact]
    public async Task Echo_GrpcJsDeadlineShorterThanHandler_DeadlineExceededAndHandlerCancelled()
    {
        _server.Service.Reset();

        var result = await RunClientAsync("deadline");

        ((int?)result["code"]).Should().Be((int)StatusCode.DeadlineExceeded, result.ToJsonString());
        await _server.Service.ServerSawCancellation.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Count_GrpcJsClient_ReceivesHundredMessagesInOrderThenOk()
    {
        var result = await RunClientAsync("stream");

        ((int?)result["code"]).Should().Be((int)StatusCode.OK, result.ToJsonString());
        Values(result).Should().Equal(Enumerable.Range(1, 100));
    }

    [Fact]
    public async Task Count_HandlerFailsAfterThree_GrpcJsClientGetsMessagesThenAborted()
    {
        var result = await RunClientAsync("stream-error");

        ((int?)result["code"]).Should().Be((int)StatusCode.Aborted, result.ToJsonString());
        ((string)result["details"]!).Should().Be("failed after 3");
        Values(result).Should().Equal(1, 2, 3);
    }

    [Fact]
    public async Task UnknownMethodAndService_GrpcJsClient_Unimplemented()
    {
        var result = await RunClientAsync("unimplemented");

        ((int)result["method"]!["code"]!).Should().Be((int)StatusCode.Unimplemented);
        ((string)result["method"]!["details"]!).Should().Contain("NoSuchMethod");
        ((int)result["service"]!["code"]!).Should().Be((int)StatusCode.Unimplemented);
    }

    private static List<int> Values(JsonNode result)
    {
        var values = new List<int>();
        foreach (var value in result["values"]!.AsArray())
        {
            values.Add((int)value!);
        }

        return values;
    }

    private async Task<JsonNode> RunClientAsync(string scenario, params string[] arguments)
    {
        var run = await NodeToolchain.RunScriptAsync("echo-client.js", ["127.0.0.1:" + _server.Http2Port, scenario, .. arguments], ScriptTimeout);

        run.ExitCode.Should().Be(0, run.Describe());
        var lines = run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines.Should().NotBeEmpty(run.Describe());
        return JsonNode.Parse(lines[^1]) ?? throw new InvalidOperationException("echo-client.js printed null.\n" + run.Describe());
    }
}
