using FluentAssertions;
using PairDb.Actors.Tests.Domain.Support;
using PairDb.Messages.Protocols;

namespace PairDb.Actors.Tests.Domain.Keys;

/// <summary>Read-modify-write of the vector clock: the key actor is the one place a clock is incremented.</summary>
public sealed class KeyActorClockTests
{
    [Fact]
    public async Task WriteKey_Sequential_EachClockStrictlyDominatesThePrevious()
    {
        // Arrange
        await using var env = new DomainEnvironment();
        var key = await env.SpawnKeyActorAsync();
        var clocks = new List<Messages.Values.VectorClock>();

        // Act
        for (var i = 1; i <= 5; i++)
        {
            clocks.Add((await key.Ask<WriteReply>(env.Write("v" + i), DomainEnvironment.AskTimeout).SucceedsAsync()).Clock);
        }

        // Assert: each write read the previous one back and stamped one more for this coordinator.
        for (var i = 1; i < clocks.Count; i++)
        {
            clocks[i].Dominates(clocks[i - 1]).Should().BeTrue($"write {i + 1} must dominate write {i}");
            clocks[i].Get(TestData.CoordinatorId).Should().Be(i + 1);
        }

        foreach (var node in TestData.ThreeNodes)
        {
            var stored = env.Replicas.Stored(node, TestData.Tenant, TestData.Key);
            stored.Should().ContainSingle();
            TestData.Text(stored[0]).Should().Be("v5");
            stored[0].Clock.Should().Be(clocks[^1]);
        }
    }

    [Fact]
    public async Task WriteKey_ConcurrentSiblingsOnReplicas_NewClockDominatesEverySiblingRead()
    {
        // Arrange: two concurrent versions written by other coordinators, spread so any two replicas show both.
        await using var env = new DomainEnvironment();
        var a = TestData.Version("a", 100, ("coord-b", 3), ("coord-c", 1));
        var b = TestData.Version("b", 200, ("coord-b", 2), ("coord-c", 2));
        env.Replicas.Seed(TestData.N1, TestData.Tenant, TestData.Key, a);
        env.Replicas.Seed(TestData.N2, TestData.Tenant, TestData.Key, b);
        env.Replicas.Seed(TestData.N3, TestData.Tenant, TestData.Key, a, b);
        var key = await env.SpawnKeyActorAsync();

        // Act
        var reply = await key.Ask<WriteReply>(env.Write("new"), DomainEnvironment.AskTimeout).SucceedsAsync();

        // Assert: read before written; the replicated version carries the reply's clock and replaces both siblings.
        env.Replicas.CountOf(ReplicaCallKind.Read).Should().Be(3);
        reply.Clock.Dominates(a.Clock).Should().BeTrue();
        reply.Clock.Dominates(b.Clock).Should().BeTrue();
        reply.Clock.Get(TestData.CoordinatorId).Should().Be(1);
        reply.ReplicaCount.Should().BeGreaterThanOrEqualTo(2);
        var written = env.Replicas.Calls(ReplicaCallKind.Write).Select(call => call.Versions.Single()).ToArray();
        written.Should().HaveCount(3).And.OnlyContain(version => version.Clock.Equals(reply.Clock));
        written[0].TimestampMicros.Should().BeGreaterThan(b.TimestampMicros);
        foreach (var node in TestData.ThreeNodes)
        {
            env.Replicas.Stored(node, TestData.Tenant, TestData.Key).Should().Equal(written[0]);
        }
    }

    [Fact]
    public async Task WriteKey_QueuedBehindARound_CoalescedIntoOneReplicatedWriteWithIncreasingClocks()
    {
        // Arrange: the first round waits on its reads while three more writes queue behind it.
        await using var env = new DomainEnvironment();
        var key = await env.SpawnKeyActorAsync();
        env.Replicas.Hold(ReplicaCallKind.Read);
        var first = key.Ask<WriteReply>(env.Write("v1"), DomainEnvironment.AskTimeout);
        var firstReads = await env.Replicas.TakeHeldAsync(3);
        var queued = new[] { "v2", "v3", "v4" }
            .Select(value => key.Ask<WriteReply>(env.Write(value), DomainEnvironment.AskTimeout))
            .ToArray();

        // Act
        env.Replicas.Release(ReplicaCallKind.Read);
        foreach (var read in firstReads)
        {
            env.Replicas.Complete(read);
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

        env.Replicas.CountOf(ReplicaCallKind.Read).Should().Be(3);
        env.Replicas.CountOf(ReplicaCallKind.Write).Should().Be(3);
        var conditional = env.Replicas.Calls(ReplicaCallKind.ConditionalWrite);
        conditional.Should().HaveCount(3);
        conditional.Select(call => TestData.Text(call.Versions.Single())).Should().AllBe("v4");
        var lastClock = clocks[^1];
        conditional.Should().OnlyContain(call => call.Versions.Single().Clock.Equals(lastClock));
        TestData.Text(env.Replicas.Stored(TestData.N1, TestData.Tenant, TestData.Key).Single()).Should().Be("v4");
    }
}
