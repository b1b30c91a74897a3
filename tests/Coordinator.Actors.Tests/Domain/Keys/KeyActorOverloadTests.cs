using Akka.Actor;
using FluentAssertions;
using PairDb.Actors.Tests.Domain.Support;
using PairDb.Messages.Protocols;

namespace PairDb.Actors.Tests.Domain.Keys;

/// <summary>
/// Overload is refused at once, never queued without bound: the key actor drains its mailbox into its own queue of
/// waiting writes, and past the queue's capacity it answers WriteFailed Overloaded (RESOURCE_EXHAUSTED at the edge)
/// while the round in flight goes on.
/// </summary>
public sealed class KeyActorOverloadTests : DomainSpec
{
    [Fact]
    public async Task WriteKey_RoundBlockedAndQueueFull_AnsweredOverloadedAtOnce()
    {
        // Arrange: the round waits on its reads; two writes fill the queue of a capacity-2 key.
        var key = await SpawnKeyActorAsync(queueCapacity: 2);
        Replicas.Hold(ReplicaCallKind.Read);
        var first = key.Ask<WriteReply>(Write("v1"), AskTimeout);
        var reads = await Replicas.TakeHeldAsync(3);
        var queued = new[]
        {
            key.Ask<WriteReply>(Write("v2"), AskTimeout),
            key.Ask<WriteReply>(Write("v3"), AskTimeout),
        };

        // Act: with the round still blocked, one more write arrives (the mailbox is FIFO, so it comes after both).
        var refused = await key.Ask<WriteReply>(Write("v4"), AskTimeout).FailsAsync();

        // Assert: answered while the reads are still held; the queued writes complete once the round goes on.
        refused.Kind.Should().Be(FailureKind.Overloaded);
        refused.Message.Should().Contain("2 writes");
        KeyCounters.QueueFull.Should().Be(1);
        first.IsCompleted.Should().BeFalse();
        queued.Should().OnlyContain(write => !write.IsCompleted);
        Replicas.Release(ReplicaCallKind.Read);
        foreach (var read in reads)
        {
            Replicas.Complete(read);
        }

        await first.SucceedsAsync();
        foreach (var write in queued)
        {
            await write.SucceedsAsync();
        }

        Replicas.Calls(ReplicaCallKind.Write).Concat(Replicas.Calls(ReplicaCallKind.ConditionalWrite))
            .Select(call => TestData.Text(call.Versions.Single())).Should().NotContain("v4");
        KeyCounters.QueueFull.Should().Be(1);
    }

    [Fact]
    public async Task WriteKey_QueueDrained_AcceptsWritesAgain()
    {
        // Arrange: a capacity-1 key refuses the third write while its round is blocked.
        var key = await SpawnKeyActorAsync(queueCapacity: 1);
        Replicas.Hold(ReplicaCallKind.Read);
        var first = key.Ask<WriteReply>(Write("v1"), AskTimeout);
        var reads = await Replicas.TakeHeldAsync(3);
        var second = key.Ask<WriteReply>(Write("v2"), AskTimeout);
        (await key.Ask<WriteReply>(Write("v3"), AskTimeout).FailsAsync()).Kind.Should().Be(FailureKind.Overloaded);

        // Act: the round finishes and the queue drains.
        Replicas.Release(ReplicaCallKind.Read);
        foreach (var read in reads)
        {
            Replicas.Complete(read);
        }

        await first.SucceedsAsync();
        await second.SucceedsAsync();

        // Assert: the bound is on waiting writes, not a count of refusals: the next write is applied.
        (await key.Ask<WriteReply>(Write("v4"), AskTimeout).SucceedsAsync()).IsDuplicate.Should().BeFalse();
        KeyCounters.QueueFull.Should().Be(1);
    }
}
