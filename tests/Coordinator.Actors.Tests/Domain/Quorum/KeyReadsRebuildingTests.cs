using Akka.Actor;
using FluentAssertions;
using PairDb.Actors.Ports;
using PairDb.Actors.Quorum;
using PairDb.Actors.Ring;
using PairDb.Actors.Tests.Domain.Support;
using PairDb.Messages.Protocols;
using PairDb.Messages.Values;

namespace PairDb.Actors.Tests.Domain.Quorum;

/// <summary>Reads of a key one of whose replicas is being rebuilt after losing its data: asked, merged, repaired, never counted.</summary>
public sealed class KeyReadsRebuildingTests : DomainSpec
{
    private static readonly DateTimeOffset Since = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly VersionedValue V1 = TestData.Version("one", 10, ("x", 1));

    [Fact]
    public async Task ReadAsync_QuorumWithTheFirstReplicaRebuilding_CountsTheOtherTwoAndRepairsIt()
    {
        // Arrange: the key's first replica lost its data; the other two hold V1.
        var (reads, preference) = await StartAsync(rebuilding: 0);
        Replicas.Seed(preference[1], TestData.Tenant, TestData.Key, V1);
        Replicas.Seed(preference[2], TestData.Tenant, TestData.Key, V1);

        // Act
        var reply = await reads.ReadAsync(Read(Consistency.Quorum), CancellationToken.None);

        // Assert: all three asked (the rebuilding one first); V1 found; the wiped replica gets V1 back by read repair.
        reply.Should().BeOfType<ReadFound>().Which.Winner.Should().Be(V1);
        Replicas.Calls(ReplicaCallKind.Read).Select(call => call.NodeId).Should().Equal(preference.Select(node => node.NodeId));
        var repair = await RepairJobs.ExpectMsgAsync<RepairJob>();
        repair.Targets.Should().Equal(preference[0]);
    }

    [Fact]
    public async Task ReadAsync_OneWhileTheRebuildingReplicaAnswersNotFound_WaitsForAnotherReplica()
    {
        // Arrange: only the second replica holds the key; the wiped first one answers not found at once.
        var (reads, preference) = await StartAsync(rebuilding: 0);
        Replicas.Seed(preference[1], TestData.Tenant, TestData.Key, V1);

        // Act
        var reply = await reads.ReadAsync(Read(Consistency.One), CancellationToken.None);

        // Assert: the wiped replica's not-found did not decide the read.
        reply.Should().BeOfType<ReadFound>().Which.Winner.Should().Be(V1);
    }

    [Fact]
    public async Task ReadAsync_QuorumWithAnotherReplicaFailing_FailsUnavailableNamingTheRebuildingOne()
    {
        // Arrange
        var (reads, preference) = await StartAsync(rebuilding: 0);
        Replicas.Hold(ReplicaCallKind.Read);
        var pending = reads.ReadAsync(Read(Consistency.Quorum), CancellationToken.None);
        var calls = await Replicas.TakeHeldAsync(3);

        // Act: the wiped replica and one other answer; the last one is down.
        calls.Single(call => call.NodeId == preference[0].NodeId).AnswerNotFound();
        calls.Single(call => call.NodeId == preference[1].NodeId).AnswerFound(V1);
        calls.Single(call => call.NodeId == preference[2].NodeId).Fail("connection refused");

        // Assert
        var failed = (await pending).Should().BeOfType<ReadFailed>().Subject;
        failed.Kind.Should().Be(FailureKind.QuorumNotReached);
        failed.Message.Should().Be(
            $"Quorum not reached: 1 of 2 replicas succeeded, 2 required (1 failed: {preference[2].NodeId} connection refused). "
            + $"Not counted: {preference[0].NodeId} (rebuilding after losing its data).");
    }

    [Fact]
    public async Task ReadAsync_QuorumWithTwoReplicasRebuilding_FailsWithoutAskingAnyReplica()
    {
        // Arrange
        var (reads, preference) = await StartAsync(0, 2);

        // Act
        var reply = await reads.ReadAsync(Read(Consistency.Quorum), CancellationToken.None);

        // Assert
        var failed = reply.Should().BeOfType<ReadFailed>().Subject;
        failed.Kind.Should().Be(FailureKind.QuorumNotReached);
        failed.Message.Should().Contain($"only 1 of the key's 3 are: {preference[0].NodeId}, {preference[2].NodeId} are being rebuilt");
        Replicas.CountOf(ReplicaCallKind.Read).Should().Be(0);
    }

    private ReadKey Read(Consistency consistency) =>
        new(TestData.Tenant, TestData.Key, consistency, 3, Deadline(TimeSpan.FromSeconds(5)));

    /// <summary>Marks the key's replicas at <paramref name="rebuilding"/> (preference-list positions) rebuilding and starts the ring.</summary>
    private async Task<(KeyReads Reads, StorageNode[] Preference)> StartAsync(params int[] rebuilding)
    {
        var ring = await StartRingAsync();
        var preference = Ring.Current.PreferenceList(TestData.Tenant, TestData.Key, 3);
        foreach (var position in rebuilding)
        {
            Metadata.SetIdentity(new NodeIdentity(preference[position].NodeId, "inc-new", Since));
        }

        await ring.Ask<RingSnapshot>(new RefreshMembership(), AskTimeout);
        return (new KeyReads(Sys, Ring, Replicas, RepairSettings(ReadRepairMode.Async), Fanout(fullReadChance: 0)), preference);
    }
}
