using FluentAssertions;
using Google.Protobuf;
using Grpc.Core;
using PairDb.Coordinator.Tests.Infrastructure;
using PairDb.Protocol.Coordinator;

namespace PairDb.Coordinator.Tests.Edge.Batches;

/// <summary>Replicas that fail fail the items that needed them, each with the single call's status; the batch call itself answers OK.</summary>
public sealed class BatchReplicaFailureTests
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task BatchReadAndWrite_StorageNodesStopped_EveryItemUnavailableNamingTheReplicas()
    {
        // Arrange: probes far apart, so the ring still holds the stopped nodes active and every item reaches them.
        await using var coordinator = await InProcessCoordinator.StartAsync(configure: static o => o with { ProbeInterval = TimeSpan.FromHours(1) });
        await coordinator.Runtime.Embedded!.DisposeAsync();

        // Act
        var written = await coordinator.Client.BatchWriteAsync(
            new BatchWriteRequest
            {
                TenantId = "default",
                Items = { new BatchWriteItem { Key = "w1", Value = ByteString.CopyFromUtf8("v") }, new BatchWriteItem { Key = "w2", Delete = true } },
            },
            deadline: DateTime.UtcNow + CallTimeout);
        var read = await coordinator.Client.BatchReadAsync(
            new BatchReadRequest { TenantId = "default", Keys = { "r1", "r2" } }, deadline: DateTime.UtcNow + CallTimeout);

        // Assert
        var statuses = written.Results.Select(static r => r.Status).Concat(read.Results.Select(static r => r.Status)).ToArray();
        statuses.Should().HaveCount(4).And.AllSatisfy(static s =>
        {
            s.Code.Should().Be((int)StatusCode.Unavailable, s.Message);
            s.Message.Should().MatchRegex(@"storage-\d UNAVAILABLE: ");
        });
    }
}
