using FluentAssertions;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using PairDb.Protocol.Storage;
using PairDb.Storage.Hosting;
using PairDb.Storage.Tests.Support;
using static PairDb.Storage.Tests.Support.WireVersions;

namespace PairDb.Storage.Tests.Service;

/// <summary>A client resetting its streams is not a server failure: the storage node logs nothing above Information.</summary>
public sealed class CancelledCallLogTests
{
    private const int Calls = 200;

    [Fact]
    public async Task Write_ClientResetsStreamsMidCall_NothingLoggedAboveInformation()
    {
        // Arrange
        using var directory = new TempDirectory();
        using var logs = new RecordingLoggerProvider();
        var node = await TestNodes.StartLoggingAsync(TestNodes.Options(directory) with { Durability = DurabilityMode.Fsync }, logs);
        var value = new string('v', 64 * 1024);

        // Act: each call is reset (RST_STREAM CANCEL) 0 to 9 ms after it starts, so they land at every stage of a write.
        try
        {
            using var channel = TestNodes.Channel(node);
            var client = new StorageNodeService.StorageNodeServiceClient(channel);
            var calls = new Task[Calls];
            for (var i = 0; i < Calls; i++)
            {
                var request = new WriteRequest { TenantId = "t", Key = "key-" + (i % 20), Version = Version(value, i + 1, ("a", i + 1)) };
                calls[i] = WriteThenResetAsync(client, request, TimeSpan.FromMilliseconds(i % 10));
            }

            await Task.WhenAll(calls);
        }
        finally
        {
            // Stopping the server waits for every handler still running, so all their log entries are in.
            await node.DisposeAsync();
        }

        // Assert
        logs.Above(LogLevel.Information).Should().BeEmpty();
    }

    [Fact]
    public async Task ScanRange_ClientResetsMidStream_NothingLoggedAboveInformation()
    {
        // Arrange: enough keys for many one-key batches.
        using var directory = new TempDirectory();
        using var logs = new RecordingLoggerProvider();
        var node = await TestNodes.StartLoggingAsync(TestNodes.Options(directory), logs);

        // Act: read one batch of each scan, then reset the stream while the server is still sending.
        try
        {
            using var channel = TestNodes.Channel(node);
            var client = TestNodes.Client(channel);
            var batch = new WriteBatchRequest();
            for (var i = 0; i < 500; i++)
            {
                batch.Writes.Add(new WriteRequest { TenantId = "t", Key = "key-" + i, Version = Version("v", 1, ("a", 1)) });
            }

            await client.WriteBatchAsync(batch);
            for (var scan = 0; scan < 200; scan++)
            {
                using var reset = new CancellationTokenSource();
                using var call = client.ScanRange(new ScanRangeRequest { BatchSize = 1 }, cancellationToken: reset.Token);
                (await call.ResponseStream.MoveNext(CancellationToken.None)).Should().BeTrue();
                await reset.CancelAsync();
            }
        }
        finally
        {
            await node.DisposeAsync();
        }

        // Assert
        logs.Above(LogLevel.Information).Should().BeEmpty();
    }

    private static async Task WriteThenResetAsync(StorageNodeService.StorageNodeServiceClient client, WriteRequest request, TimeSpan resetAfter)
    {
        using var reset = new CancellationTokenSource(resetAfter);
        try
        {
            await client.WriteAsync(request, deadline: DateTime.UtcNow.AddSeconds(60), cancellationToken: reset.Token);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.Cancelled)
        {
            // Expected for every call reset before its answer arrived.
        }
    }
}
