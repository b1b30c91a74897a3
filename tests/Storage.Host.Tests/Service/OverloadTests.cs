using FluentAssertions;
using Google.Protobuf;
using Grpc.Core;
using PairDb.Protocol.Storage;
using PairDb.Storage.Tests.Support;
using Version = PairDb.Protocol.Storage.Version;

namespace PairDb.Storage.Tests.Service;

public sealed class OverloadTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Write_QueueFull_ResourceExhaustedAndAcceptedOnesAppliedLater()
    {
        await using var node = await TestNodes.StartAsync(TestNodes.Options(_directory) with { WriteQueueCapacity = 1 });
        using var channel = TestNodes.Channel(node);
        var client = TestNodes.Client(channel);
        using var blocker = new WriteLock(node.Engine.DatabasePath);

        var calls = new List<Task<WriteResponse>>();
        for (var i = 0; i < 10; i++)
        {
            var version = new Version { Value = ByteString.CopyFromUtf8("v"), TimestampMicros = 1, Clock = { new ClockEntry { NodeId = "a", Counter = 1 } } };
            calls.Add(client.WriteAsync(new WriteRequest { TenantId = "t", Key = "k" + i, Version = version }).ResponseAsync);
        }

        // At most one write can be inside the blocked batch and one in the queue; the rest are refused at once.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (calls.Count(c => c.IsFaulted) < 8 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        blocker.Release();
        var results = await Task.WhenAll(calls.Select(async c =>
        {
            try
            {
                return (await c).Applied ? "applied" : "dropped";
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.ResourceExhausted && ex.Status.Detail.Contains("write queue is full"))
            {
                return "exhausted";
            }
        }));

        results.Count(r => r == "exhausted").Should().BeGreaterThanOrEqualTo(8);
        results.Should().OnlyContain(r => r == "exhausted" || r == "applied");
        node.Engine.Stats.Keys.Should().Be(results.Count(r => r == "applied"));
    }
}
