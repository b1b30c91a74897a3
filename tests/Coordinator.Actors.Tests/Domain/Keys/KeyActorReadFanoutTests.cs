using Akka.Actor;
using FluentAssertions;
using PairDb.Actors.Tests.Domain.Support;
using PairDb.Messages.Protocols;

namespace PairDb.Actors.Tests.Domain.Keys;

/// <summary>The key actor's read before a write of a cold key asks replicas as a client read does.</summary>
public sealed class KeyActorReadFanoutTests : DomainSpec
{
    [Fact]
    public async Task ColdKeyWrite_QuorumWithoutFullReads_ReadsTwoReplicasAndWritesAllThree()
    {
        // Arrange
        var key = await SpawnKeyActorAsync(reads: Fanout(fullReadChance: 0));

        // Act
        await key.Ask<WriteReply>(Write("v1"), AskTimeout).SucceedsAsync();

        // Assert: R reads (the ring's first two of the key), and still all N writes.
        Replicas.CountOf(ReplicaCallKind.Read).Should().Be(2);
        await AwaitConditionAsync(() => Replicas.CountOf(ReplicaCallKind.Write) == 3);
        (ReadCounters.Speculated, ReadCounters.FullReads).Should().Be((0, 0));
    }
}
