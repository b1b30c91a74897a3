using FluentAssertions;
using PairDb.Actors.Kernel;
using PairDb.Actors.Tests.Domain.Support;
using PairDb.Actors.Tests.Kernel.Support;
using PairDb.Messages.Protocols;

namespace PairDb.Actors.Tests.Domain.Keys;

/// <summary>
/// Overload is refused at once, never queued without bound: by the kernel's mailbox bound when the key actor's loop
/// is busy (MailboxFullException, which the edge maps to RESOURCE_EXHAUSTED), and by the key actor's own queue bound
/// while a round is in flight (WriteFailed Overloaded, also RESOURCE_EXHAUSTED).
/// </summary>
public sealed class KeyActorOverloadTests
{
    [Fact]
    public async Task Ask_LoopBlockedAndMailboxFull_FailsAtOnceWithMailboxFullException()
    {
        // Arrange: the idempotency store blocks the key actor's loop inside the first write's claim.
        await using var env = new DomainEnvironment();
        using var storeGate = new ManualResetEventSlim();
        env.Idempotency.BlockingClaimGate = storeGate;
        var key = await env.SpawnKeyActorAsync(mailboxCapacity: 2);
        var first = key.Ask<WriteReply>(env.Write("v1", "req-1"), DomainEnvironment.AskTimeout);
        await Bounded.UntilAsync(() => env.Idempotency.Claims == 1);
        var admitted = new[]
        {
            key.Ask<WriteReply>(env.Write("v2", "req-2"), DomainEnvironment.AskTimeout),
            key.Ask<WriteReply>(env.Write("v3", "req-3"), DomainEnvironment.AskTimeout),
        };

        // Act
        var refused = key.Ask<WriteReply>(env.Write("v4", "req-4"), DomainEnvironment.AskTimeout);

        // Assert: refused before any time passed or the loop moved; the admitted writes all complete afterwards.
        refused.IsFaulted.Should().BeTrue();
        (await refused.Awaiting(task => task.WithinBound()).Should().ThrowAsync<MailboxFullException>()).Which.Capacity.Should().Be(2);
        env.System.MailboxOverflows.Should().Be(1);
        storeGate.Set();
        await first.SucceedsAsync();
        foreach (var write in admitted)
        {
            (await write.SucceedsAsync()).IsDuplicate.Should().BeFalse();
        }
    }

    [Fact]
    public async Task WriteKey_RoundBlockedAndQueueFull_AnsweredOverloadedAtOnce()
    {
        // Arrange: the loop is free but the round waits on its reads; two writes fill the queue of a capacity-2 key.
        await using var env = new DomainEnvironment();
        var key = await env.SpawnKeyActorAsync(mailboxCapacity: 2);
        env.Replicas.Hold(ReplicaCallKind.Read);
        var first = key.Ask<WriteReply>(env.Write("v1"), DomainEnvironment.AskTimeout);
        var reads = await env.Replicas.TakeHeldAsync(3);
        var queued = new[]
        {
            key.Ask<WriteReply>(env.Write("v2"), DomainEnvironment.AskTimeout),
            key.Ask<WriteReply>(env.Write("v3"), DomainEnvironment.AskTimeout),
        };

        // Act: with the round still blocked, one more write gets past the mailbox (which refuses it at once while
        // the loop has not yet moved the two queued writes out of it).
        var refused = await AdmittedAsync(() => key.Ask<WriteReply>(env.Write("v4"), DomainEnvironment.AskTimeout)).FailsAsync();

        // Assert: answered while the reads are still held; the queued writes complete once the round goes on.
        refused.Kind.Should().Be(FailureKind.Overloaded);
        refused.Message.Should().Contain("2 writes");
        first.IsCompleted.Should().BeFalse();
        env.Replicas.Release(ReplicaCallKind.Read);
        foreach (var read in reads)
        {
            env.Replicas.Complete(read);
        }

        await first.SucceedsAsync();
        foreach (var write in queued)
        {
            await write.SucceedsAsync();
        }

        env.Replicas.Calls(ReplicaCallKind.Write).Select(call => TestData.Text(call.Versions.Single())).Should().NotContain("v4");
    }

    /// <summary>Repeats an ask refused by a full mailbox (bounded) until the mailbox admits it.</summary>
    private static async Task<WriteReply> AdmittedAsync(Func<Task<WriteReply>> ask)
    {
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            var reply = ask();
            if (!reply.IsFaulted || reply.Exception!.InnerException is not MailboxFullException)
            {
                return await reply.WithinBound();
            }

            await Task.Delay(1);
        }

        throw new TimeoutException("The mailbox never admitted the write.");
    }
}
