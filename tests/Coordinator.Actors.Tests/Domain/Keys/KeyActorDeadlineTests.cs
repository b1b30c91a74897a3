using Akka.Actor;
using FluentAssertions;
using PairDb.Actors.Tests.Domain.Support;
using PairDb.Messages.Protocols;

namespace PairDb.Actors.Tests.Domain.Keys;

/// <summary>A write's one deadline holds while it waits in the key actor, not only once its replicas are called.</summary>
public sealed class KeyActorDeadlineTests : DomainSpec
{
    [Fact]
    public async Task QueuedWrite_DeadlinePassesWhileQueued_AnsweredDeadlineExceededAndNeverReplicated()
    {
        // Arrange: the first round waits on its reads; a short-deadline write and a patient one queue behind it.
        var key = await SpawnKeyActorAsync();
        Replicas.Hold(ReplicaCallKind.Read);
        var first = key.Ask<WriteReply>(Write("v1", deadline: Deadline(TimeSpan.FromSeconds(10))), AskTimeout);
        var reads = await Replicas.TakeHeldAsync(3);
        var hurried = key.Ask<WriteReply>(Write("hurried", deadline: Deadline(TimeSpan.FromSeconds(1))), AskTimeout);
        var patient = key.Ask<WriteReply>(Write("patient", deadline: Deadline(TimeSpan.FromSeconds(10))), AskTimeout);

        // Act: the hurried write's deadline passes while it is queued, then the first round goes on.
        Scheduler.Advance(TimeSpan.FromSeconds(2));
        Replicas.Release(ReplicaCallKind.Read);
        foreach (var read in reads)
        {
            Replicas.Complete(read);
        }

        // Assert
        var firstClock = (await first.SucceedsAsync()).Clock;
        var expired = await hurried.FailsAsync();
        expired.Kind.Should().Be(FailureKind.DeadlineExceeded);
        expired.Message.Should().Contain("queued");
        (await patient.SucceedsAsync()).Clock.Dominates(firstClock).Should().BeTrue();
        Replicas.Calls(ReplicaCallKind.Write).Select(call => TestData.Text(call.Versions.Single())).Should().NotContain("hurried");
    }

    [Fact]
    public async Task Claim_AnsweredAfterTheDeadline_FailsDeadlineExceededAndReleasesTheClaim()
    {
        // Arrange: the idempotency store answers the claim only after the write's deadline (and any slack) passed.
        var key = await SpawnKeyActorAsync();
        var claimGate = new TaskCompletionSource();
        Idempotency.ClaimGate = claimGate.Task;
        var write = key.Ask<WriteReply>(Write("v1", "req-1", Deadline(TimeSpan.FromSeconds(2))), AskTimeout);
        await AwaitConditionAsync(() => Idempotency.Claims == 1);

        // Act
        Scheduler.Advance(TimeSpan.FromSeconds(10));
        claimGate.SetResult();

        // Assert: a clear deadline failure, no replica write, the claim dropped so a retry can apply, no crash.
        var failed = await write.FailsAsync();
        failed.Kind.Should().Be(FailureKind.DeadlineExceeded);
        Replicas.CountOf(ReplicaCallKind.Write).Should().Be(0);
        await AwaitConditionAsync(() => Idempotency.Releases == 1);
        Idempotency.Peek(TestData.Tenant, "req-1").Should().BeNull();
        Restarts.Should().Be(0);
        Idempotency.ClaimGate = null;
        (await key.Ask<WriteReply>(Write("v1", "req-1"), AskTimeout).SucceedsAsync()).IsDuplicate.Should().BeFalse();
    }
}
