using Akka.Actor;
using FluentAssertions;
using PairDb.Actors.Tests.Domain.Support;
using PairDb.Messages.Protocols;

namespace PairDb.Actors.Tests.Domain.Keys;

/// <summary>Read-modify-write of the vector clock: the key actor is the one place a clock is incremented.</summary>
public sealed class KeyActorClockTests : DomainSpec
{
    [Fact]
    public async Task WriteKey_Sequential_EachClockStrictlyDominatesThePrevious()
    {
        // Arrange
        var key = await SpawnKeyActorAsync();
        var clocks = new List<Messages.Values.VectorClock>();

        // Act
        for (var i = 1; i <= 5; i++)
        {
            clocks.Add((await key.Ask<WriteReply>(Write("v" + i), AskTimeout).SucceedsAsync()).Clock);
        }

        // Assert: each write read the previous one back and stamped one more for this coordinator.
        for (var i = 1; i < clocks.Count; i++)
        {
            clocks[i].Dominates(clocks[i - 1]).Should().BeTrue($"write {i + 1} must dominate write {i}");
            clocks[i].Get(TestData.CoordinatorId).Should().Be(i + 1);
        }

        foreach (var node in TestData.ThreeNodes)
        {
            var stored = Replicas.Stored(node, TestData.Tenant, TestData.Key);
            stored.Should().ContainSingle();
            TestData.Text(stored[0]).Should().Be("v5");
            stored[0].Clock.Should().Be(clocks[^1]);
        }
    }

    [Fact]
    public async Task WriteKey_ConcurrentSiblingsOnReplicas_NewClockDominatesEverySiblingRead()
    {
        // Arrange: two concurrent versions written by other coordinators, spread so any two replicas show both.
        var a = TestData.Version("a", 100, ("coord-b", 3), ("coord-c", 1));
        var b = TestData.Version("b", 200, ("coord-b", 2), ("coord-c", 2));
        Replicas.Seed(TestData.N1, TestData.Tenant, TestData.Key, a);
        Replicas.Seed(TestData.N2, TestData.Tenant, TestData.Key, b);
        Replicas.Seed(TestData.N3, TestData.Tenant, TestData.Key, a, b);
        var key = await SpawnKeyActorAsync();

        // Act
        var reply = await key.Ask<WriteReply>(Write("new"), AskTimeout).SucceedsAsync();

        // Assert: read before written; the replicated version carries the reply's clock and replaces both siblings.
        Replicas.CountOf(ReplicaCallKind.Read).Should().Be(3);
        reply.Clock.Dominates(a.Clock).Should().BeTrue();
        reply.Clock.Dominates(b.Clock).Should().BeTrue();
        reply.Clock.Get(TestData.CoordinatorId).Should().Be(1);
        reply.ReplicaCount.Should().BeGreaterThanOrEqualTo(2);
        var written = Replicas.Calls(ReplicaCallKind.Write).Select(call => call.Versions.Single()).ToArray();
        written.Should().HaveCount(3).And.OnlyContain(version => version.Clock.Equals(reply.Clock));
        written[0].TimestampMicros.Should().BeGreaterThan(b.TimestampMicros);
        foreach (var node in TestData.ThreeNodes)
        {
            Replicas.Stored(node, TestData.Tenant, TestData.Key).Should().Equal(written[0]);
        }
    }

    [Fact]
    public async Task WriteKey_QueuedBehindARound_CoalescedIntoOneReplicatedWriteWithIncreasingClocks()
    {
        // Arrange: the first round waits on its reads while three more writes queue behind it.
        var key = await SpawnKeyActorAsync();
        Replicas.Hold(ReplicaCallKind.Read);
        var first = key.Ask<WriteReply>(Write("v1"), AskTimeout);
        var firstReads = await Replicas.TakeHeldAsync(3);
        var queued = new[] { "v2", "v3", "v4" }
            .Select(value => key.Ask<WriteReply>(Write(value), AskTimeout))
            .ToArray();

        // Act
        Replicas.Release(ReplicaCallKind.Read);
        foreach (var read in firstReads)
        {
            Replicas.Complete(read);
        }

        // Assert: two rounds; the second skips the read (it writes conditionally from the first round's stamp) and
        // writes only v4.
        var firstClock = (await first.SucceedsAsync()).Clock;
        var clocks = new List<Messages.Values.VectorClock> { firstClock };
        foreach (var reply in queued)
        {
            clocks.Add((await reply.SucceedsAsync()).Clock);
        }

        for (var i = 1; i < clocks.Count; i++)
        {
            clocks[i].Dominates(clocks[i - 1]).Should().BeTrue($"write {i + 1} must dominate write {i}");
        }

        Replicas.CountOf(ReplicaCallKind.Read).Should().Be(3);
        Replicas.CountOf(ReplicaCallKind.Write).Should().Be(3);
        var conditional = Replicas.Calls(ReplicaCallKind.ConditionalWrite);
        conditional.Should().HaveCount(3);
        conditional.Select(call => TestData.Text(call.Versions.Single())).Should().AllBe("v4");
        var lastClock = clocks[^1];
        conditional.Should().OnlyContain(call => call.Versions.Single().Clock.Equals(lastClock));
        TestData.Text(Replicas.Stored(TestData.N1, TestData.Tenant, TestData.Key).Single()).Should().Be("v4");
    }
}
