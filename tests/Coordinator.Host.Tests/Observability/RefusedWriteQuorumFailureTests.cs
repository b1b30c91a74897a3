using System.Diagnostics.Metrics;
using FluentAssertions;
using Grpc.Core;
using PairDb.Coordinator.Observability;
using PairDb.Coordinator.Tests.Infrastructure;
using PairDb.Protocol.Coordinator;

namespace PairDb.Coordinator.Tests.Observability;

/// <summary>
/// A write refused before anything is sent, because the failure detector holds too many replicas down, counts as a
/// quorum failure (coordinator_quorum_failures_total, operation write) like one whose replicas failed after sending.
/// Alone in the process: the counter is process-wide and this test counts every write failure it sees.
/// </summary>
[Collection(AloneCollection.Name)]
public sealed class RefusedWriteQuorumFailureTests
{
    [Fact]
    public async Task WriteKeyValue_EveryReplicaHeldDown_RefusedUnavailableAndCountedAsAQuorumFailure()
    {
        // Arrange: the embedded storage nodes stop; probes every 50 ms soon hold all three down.
        await using var coordinator = await InProcessCoordinator.StartAsync(configure: static o => o with { ProbeInterval = TimeSpan.FromMilliseconds(50) });
        await coordinator.Runtime.Embedded!.DisposeAsync();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (coordinator.Runtime.Edge.Ring.Current.Down.Count < 3)
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the failure detector must hold the stopped nodes down within 30 s");
            await Task.Delay(50);
        }

        long writeFailures = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == CoordinatorInstruments.MeterName && instrument.Name == "coordinator_quorum_failures_total")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag is { Key: "operation", Value: CoordinatorInstruments.WriteOperation })
                {
                    Interlocked.Add(ref writeFailures, value);
                }
            }
        });
        listener.Start();

        // Act
        var write = () => coordinator.Client.WriteKeyValueAsync(
            new WriteKeyValueRequest { TenantId = "default", Key = "k", Value = Google.Protobuf.ByteString.CopyFromUtf8("v") },
            deadline: DateTime.UtcNow.AddSeconds(30)).ResponseAsync;

        // Assert
        var error = (await write.Should().ThrowAsync<RpcException>()).Which;
        error.StatusCode.Should().Be(StatusCode.Unavailable);
        error.Status.Detail.Should().Contain("3 of 3 replicas are down").And.Contain("nothing was written");
        Interlocked.Read(ref writeFailures).Should().Be(1);
    }
}
