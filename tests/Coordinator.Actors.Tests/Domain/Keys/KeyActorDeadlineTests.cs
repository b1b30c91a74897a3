using FluentAssertions;
using PairDb.Actors.Tests.Domain.Support;
using PairDb.Actors.Tests.Kernel.Support;
using PairDb.Messages.Protocols;

namespace PairDb.Actors.Tests.Domain.Keys;

/// <summary>A write's one deadline holds while it waits in the key actor, not only once its replicas are called.</summary>
public sealed class KeyActorDeadlineTests
{
    [Fact]
    public async Task QueuedWrite_DeadlinePassesWhileQueued_AnsweredDeadlineExceededAndNeverReplicated()
    {
        // Arrange: the first round waits on its reads; a short-deadline write and a patient one queue behind it.
        await using var env = new DomainEnvironment();
        var key = await env.SpawnKeyActorAsync();
        env.Replicas.Hold(ReplicaCallKind.Read);
        var first = key.Ask<WriteReply>(env.Write("v1", deadline: env.Deadline(TimeSpan.FromSeconds(10))), DomainEnvironment.AskTimeout);
        var reads = await env.Replicas.TakeHeldAsync(3);
        var hurried = key.Ask<WriteReply>(env.Write("hurried", deadline: env.Deadline(TimeSpan.FromSeconds(1))), DomainEnvironment.AskTimeout);
        var patient = key.Ask<WriteReply>(env.Write("patient", deadline: env.Deadline(TimeSpan.FromSeconds(10))), DomainEnvironment.AskTimeout);

        // Act: the hurried write's deadline passes while it is queued, then the first round goes on.
        env.Time.Advance(TimeSpan.FromSeconds(2));
        env.Replicas.Release(ReplicaCallKind.Read);
        foreach (var read in reads)
        {
            env.Replicas.Complete(read);
        }

        // Assert
        var firstClock = (await first.SucceedsAsync()).Clock;
        var expired = await hurried.FailsAsync();
        expired.Kind.Should().Be(FailureKind.DeadlineExceeded);
        expired.Message.Should().Contain("queued");
        (await patient.SucceedsAsync()).Clock.Dominates(firstClock).Should().BeTrue();
        env.Replicas.Calls(ReplicaCallKind.Write).Select(call => TestData.Text(call.Versions.Single())).Should().NotContain("hurried");
    }

    [Fact]
    public async Task Claim_AnsweredAfterTheDeadline_FailsDeadlineExceededAndReleasesTheClaim()
    {
        // Arrange: the idempotency store answers the claim only after the write's deadline (and any slack) passed.
        await using var env = new DomainEnvironment();
        var key = await env.SpawnKeyActorAsync();
        var claimGate = new TaskCompletionSource();
        env.Idempotency.ClaimGate = claimGate.Task;
        var write = key.Ask<WriteReply>(env.Write("v1", "req-1", env.Deadline(TimeSpan.FromSeconds(2))), DomainEnvironment.AskTimeout);
        await Bounded.UntilAsync(() => env.Idempotency.Claims == 1);

        // Act
        env.Time.Advance(TimeSpan.FromSeconds(10));
        claimGate.SetResult();

        // Assert: a clear deadline failure, no replica write, the claim dropped so a retry can apply, no crash.
        var failed = await write.FailsAsync();
        failed.Kind.Should().Be(FailureKind.DeadlineExceeded);
        env.Replicas.CountOf(ReplicaCallKind.Write).Should().Be(0);
        await Bounded.UntilAsync(() => env.Idempotency.Releases == 1);
        env.Idempotency.Peek(TestData.Tenant, "req-1").Should().BeNull();
        env.System.Restarts.Should().Be(0);
        env.Idempotency.ClaimGate = null;
        (await key.Ask<WriteReply>(env.Write("v1", "req-1"), DomainEnvironment.AskTimeout).SucceedsAsync()).IsDuplicate.Should().BeFalse();
    }
}
