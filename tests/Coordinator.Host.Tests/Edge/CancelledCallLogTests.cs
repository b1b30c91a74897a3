using FluentAssertions;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using PairDb.Coordinator.Tests.Infrastructure;
using PairDb.Coordinator.Tests.Observability;
using PairDb.Protocol.Coordinator;

namespace PairDb.Coordinator.Tests.Edge;

/// <summary>A client resetting its streams is not a server failure: the coordinator logs nothing above Information.</summary>
public sealed class CancelledCallLogTests
{
    private const int Calls = 200;

    [Fact]
    public async Task WriteKeyValue_ClientResetsStreamsMidCall_NothingLoggedAboveInformation()
    {
        // Arrange
        using var logs = new CapturingLoggerProvider();
        var coordinator = await InProcessCoordinator.StartAsync(logs);
        var value = ByteString.CopyFrom(new byte[64 * 1024]);

        // Act: each call is reset (RST_STREAM CANCEL) 0 to 9 ms after it starts, so they land at every stage of a write.
        try
        {
            var calls = new Task[Calls];
            for (var i = 0; i < Calls; i++)
            {
                calls[i] = WriteThenResetAsync(coordinator.Client, "key-" + (i % 20), value, TimeSpan.FromMilliseconds(i % 10));
            }

            await Task.WhenAll(calls);
        }
        finally
        {
            // Stopping the server waits for every handler still running, so all their log entries are in.
            await coordinator.DisposeAsync();
        }

        // Assert
        logs.Entries.Where(static e => e.Level > LogLevel.Information).Select(static e => e.Category + ": " + e.AllText).Should().BeEmpty();
    }

    [Fact]
    public async Task HealthWatch_ClientResetsTheStream_NothingLoggedAboveInformation()
    {
        // Arrange
        using var logs = new CapturingLoggerProvider();
        var coordinator = await InProcessCoordinator.StartAsync(logs);

        // Act: each watch gets its first status, then the client resets the stream the server is holding open.
        try
        {
            var health = new Grpc.Health.V1.Health.HealthClient(coordinator.Channel);
            for (var i = 0; i < 20; i++)
            {
                using var reset = new CancellationTokenSource();
                using var watch = health.Watch(new Grpc.Health.V1.HealthCheckRequest(), cancellationToken: reset.Token);
                (await watch.ResponseStream.MoveNext(CancellationToken.None)).Should().BeTrue();
                await reset.CancelAsync();
            }
        }
        finally
        {
            await coordinator.DisposeAsync();
        }

        // Assert
        logs.Entries.Where(static e => e.Level > LogLevel.Information).Select(static e => e.Category + ": " + e.AllText).Should().BeEmpty();
    }

    private static async Task WriteThenResetAsync(CoordinatorService.CoordinatorServiceClient client, string key, ByteString value, TimeSpan resetAfter)
    {
        using var reset = new CancellationTokenSource(resetAfter);
        try
        {
            await client.WriteKeyValueAsync(
                new WriteKeyValueRequest { TenantId = "default", Key = key, Value = value },
                deadline: DateTime.UtcNow.AddSeconds(60),
                cancellationToken: reset.Token);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.Cancelled)
        {
            // Expected for every call reset before its answer arrived.
        }
    }
}
