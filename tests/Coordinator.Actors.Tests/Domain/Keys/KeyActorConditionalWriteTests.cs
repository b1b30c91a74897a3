using Akka.Actor;
using FluentAssertions;
using PairDb.Actors.Tests.Domain.Support;
using PairDb.Messages.Protocols;

namespace PairDb.Actors.Tests.Domain.Keys;

/// <summary>
/// A key actor that already stamped its key writes conditionally from that stamp instead of reading first; a replica
/// holding something the stamp does not dominate refuses, and the round stamps again from what the replicas hold.
/// </summary>
public sealed class KeyActorConditionalWriteTests : DomainSpec
{
    [Fact]
    public async Task WriteKey_SecondWrite_SkipsTheReadAndWritesConditionallyFromTheFirstStamp()
    {
        // Arrange
        var key = await SpawnKeyActorAsync();
        var first = await key.Ask<WriteReply>(Write("v1"), AskTimeout).SucceedsAsync();

        // Act
        var second = await key.Ask<WriteReply>(Write("v2"), AskTimeout).SucceedsAsync();

        // Assert
        Replicas.CountOf(ReplicaCallKind.Read).Should().Be(3, "only the first write read the key");
        Replicas.Calls(ReplicaCallKind.ConditionalWrite).Should().HaveCount(3)
            .And.OnlyContain(call => call.Versions[0].Clock.Equals(second.Clock));
        second.Clock.Dominates(first.Clock).Should().BeTrue();
        second.Clock.Get(TestData.CoordinatorId).Should().Be(2);
        foreach (var node in TestData.ThreeNodes)
        {
            TestData.Text(Replicas.Stored(node, TestData.Tenant, TestData.Key).Single()).Should().Be("v2");
        }
    }

    [Fact]
    public async Task WriteKey_AnotherCoordinatorWroteSince_RefusedThenStampedAgainDominatingBoth()
    {
        // Arrange: after this actor's first write, another coordinator's write (which had read it) lands everywhere.
        var key = await SpawnKeyActorAsync();
        var first = await key.Ask<WriteReply>(Write("v1"), AskTimeout).SucceedsAsync();
        var other = TestData.Version("from-b", long.MaxValue / 2, (TestData.CoordinatorId, 1), ("coord-b", 1));
        foreach (var node in TestData.ThreeNodes)
        {
            Replicas.Seed(node, TestData.Tenant, TestData.Key, other);
        }

        // Act
        var second = await key.Ask<WriteReply>(Write("v2"), AskTimeout).SucceedsAsync();

        // Assert: the conditional stamp {a:2} was refused; the unconditional one dominates b's write and {a:2}.
        var refused = Replicas.Calls(ReplicaCallKind.ConditionalWrite);
        refused.Should().HaveCount(3);
        var refusedClock = refused[0].Versions[0].Clock;
        second.Clock.Dominates(other.Clock).Should().BeTrue();
        second.Clock.Dominates(refusedClock).Should().BeTrue("the refused stamp may sit on replicas that accepted it");
        second.Clock.Dominates(first.Clock).Should().BeTrue();
        Replicas.CountOf(ReplicaCallKind.Read).Should().Be(3, "the conflict replies carry the stored versions: no read");
        foreach (var node in TestData.ThreeNodes)
        {
            var stored = Replicas.Stored(node, TestData.Tenant, TestData.Key);
            stored.Should().ContainSingle();
            TestData.Text(stored[0]).Should().Be("v2");
        }
    }

    [Fact]
    public async Task WriteKey_AfterAFailedRound_NextStampDominatesTheFailedOne()
    {
        // Arrange: the second write reaches only n1 (quorum fails), so its stamp sits on one replica.
        var key = await SpawnKeyActorAsync();
        await key.Ask<WriteReply>(Write("v1"), AskTimeout).SucceedsAsync();
        Replicas.FailWritesOn("n2");
        Replicas.FailWritesOn("n3");
        await key.Ask<WriteReply>(Write("v2"), AskTimeout).FailsAsync();
        var failedStamp = Replicas.Stored(TestData.N1, TestData.Tenant, TestData.Key).Single();
        Replicas.HealWrites("n2");
        Replicas.HealWrites("n3");

        // Act
        var third = await key.Ask<WriteReply>(Write("v3"), AskTimeout).SucceedsAsync();

        // Assert: no clock is reused, so the failed v2 on n1 is replaced rather than tied with v3.
        TestData.Text(failedStamp).Should().Be("v2");
        third.Clock.Dominates(failedStamp.Clock).Should().BeTrue();
        foreach (var node in TestData.ThreeNodes)
        {
            TestData.Text(Replicas.Stored(node, TestData.Tenant, TestData.Key).Single()).Should().Be("v3");
        }
    }
}
