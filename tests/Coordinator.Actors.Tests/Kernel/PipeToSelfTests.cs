using FluentAssertions;
using PairDb.Actors.Kernel;
using PairDb.Actors.Tests.Kernel.Support;

namespace PairDb.Actors.Tests.Kernel;

public sealed class PipeToSelfTests
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task PipeToSelf_WorkPending_MailboxStaysResponsiveAndResultArrivesAsMessage()
    {
        // Arrange
        await using var env = new TestActorEnvironment();
        var actor = env.Spawn();
        var work = new TaskCompletionSource<int>();
        (await actor.Ask<string>(new PipeWork(work.Task), AskTimeout).WithinBound()).Should().Be("started");

        // Act
        var whilePending = await actor.Ask<string>(new Echo("responsive"), AskTimeout).WithinBound();
        work.SetResult(42);

        // Assert
        whilePending.Should().Be("responsive");
        await env.Probe.ExpectAsync<Started>();
        (await env.Probe.ExpectAsync<WorkDone>()).Result.Should().Be(42);
    }

    [Fact]
    public async Task PipeToSelf_WorkFails_FailureArrivesAsMessage()
    {
        // Arrange
        await using var env = new TestActorEnvironment();
        var actor = env.Spawn();
        var work = new TaskCompletionSource<int>();
        await actor.Ask<string>(new PipeWork(work.Task), AskTimeout).WithinBound();

        // Act
        work.SetException(new IOException("disk gone"));

        // Assert
        await env.Probe.ExpectAsync<Started>();
        (await env.Probe.ExpectAsync<WorkFailed>()).Reason.Should().Be("disk gone");
    }

    [Fact]
    public async Task PipeToSelf_MailboxFullWhenWorkCompletes_ResultStillDelivered()
    {
        // Arrange: a mailbox of one, filled while the handler is held.
        await using var env = new TestActorEnvironment();
        var actor = env.Spawn(env.Props with { MailboxCapacity = 1 });
        var work = new TaskCompletionSource<int>();
        await actor.Ask<string>(new PipeWork(work.Task), AskTimeout).WithinBound();
        var gate = new TaskCompletionSource();
        var blocked = actor.Ask<string>(new Block(gate.Task), AskTimeout);
        await env.Probe.ExpectAsync<Started>();
        await env.Probe.ExpectAsync<Blocked>();
        actor.Tell(new RecordValue(1)).Should().Be(TellResult.Delivered);
        actor.Tell(new RecordValue(2)).Should().Be(TellResult.MailboxFull);

        // Act
        work.SetResult(7);
        gate.SetResult();

        // Assert
        await blocked.WithinBound();
        (await env.Probe.ExpectAsync<WorkDone>()).Result.Should().Be(7);
    }
}
