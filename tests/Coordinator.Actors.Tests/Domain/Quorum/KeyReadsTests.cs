using FluentAssertions;
using PairDb.Actors.Quorum;
using PairDb.Actors.Tests.Domain.Support;
using PairDb.Messages.Protocols;
using PairDb.Messages.Values;

namespace PairDb.Actors.Tests.Domain.Quorum;

/// <summary>The actor layer's read entry point: placement from the ring, then a read aggregator.</summary>
public sealed class KeyReadsTests : DomainSpec
{
    [Fact]
    public async Task ReadAsync_RingTooSmallForTheConsistency_FailsNoReplicasWithoutAskingAnyReplica()
    {
        // Arrange: three nodes, a replication factor of five read at ALL.
        await StartRingAsync();
        var reads = new KeyReads(Sys, Ring, Replicas, RepairSettings(ReadRepairMode.Async), FullReads);

        // Act
        var reply = await reads.ReadAsync(new ReadKey(TestData.Tenant, TestData.Key, Consistency.All, 5, Deadline(TimeSpan.FromSeconds(5))), CancellationToken.None);

        // Assert
        reply.Should().Be(new ReadFailed(FailureKind.NoReplicas, "Consistency all needs 5 replicas but the ring has 3 storage nodes."));
        Replicas.CountOf(ReplicaCallKind.Read).Should().Be(0);
    }

    [Fact]
    public async Task ReadAsync_KeyNobodyWrote_AsksThePreferenceListAndAnswersNotFound()
    {
        // Arrange
        await StartRingAsync();
        var reads = new KeyReads(Sys, Ring, Replicas, RepairSettings(ReadRepairMode.Async), FullReads);

        // Act
        var reply = await reads.ReadAsync(new ReadKey(TestData.Tenant, TestData.Key, Consistency.Quorum, 3, Deadline(TimeSpan.FromSeconds(5))), CancellationToken.None);

        // Assert
        reply.Should().BeOfType<ReadNotFound>();
        await AwaitConditionAsync(() => Replicas.CountOf(ReplicaCallKind.Read) == 3);
    }

    [Fact]
    public async Task ReadAsync_QuorumWithoutFullReads_AsksTheFirstTwoOfThePreferenceList()
    {
        // Arrange
        await StartRingAsync();
        var reads = new KeyReads(Sys, Ring, Replicas, RepairSettings(ReadRepairMode.Async), Fanout(fullReadChance: 0));
        var preference = Ring.Current.PreferenceList(TestData.Tenant, TestData.Key, 3);

        // Act
        var reply = await reads.ReadAsync(new ReadKey(TestData.Tenant, TestData.Key, Consistency.Quorum, 3, Deadline(TimeSpan.FromSeconds(5))), CancellationToken.None);

        // Assert
        reply.Should().BeOfType<ReadNotFound>();
        Replicas.Calls(ReplicaCallKind.Read).Select(call => call.NodeId).Should().Equal(preference[0].NodeId, preference[1].NodeId);
    }
}
