using FluentAssertions;
using PairDb.Actors.Quorum;
using PairDb.Actors.Tests.Domain.Support;
using PairDb.Actors.Tests.Kernel.Support;
using PairDb.Messages.Protocols;

namespace PairDb.Actors.Tests.Domain.Quorum;

/// <summary>Quorum decisions and lifetime of one read; every replica read is held until the spec answers it.</summary>
public sealed class ReadAggregatorActorTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);
    private static readonly Messages.Values.VersionedValue V1 = TestData.Version("one", 10, ("x", 1));

    [Fact]
    public async Task Start_RAnswer_RepliesFoundBeforeTheRestAnswer()
    {
        // Arrange
        await using var env = new DomainEnvironment();
        var replies = StartRead(env, 3, 2);
        var calls = await env.Replicas.TakeHeldAsync(3);

        // Act: two of three answer; the third never does.
        calls[0].AnswerFound(V1);
        calls[1].AnswerFound(V1);

        // Assert
        var found = await replies.ExpectAsync<ReadFound>();
        found.Winner.Should().Be(V1);
        found.MergedClock.Should().Be(V1.Clock);
        env.System.LiveActors.Should().Be(1);
    }

    [Fact]
    public async Task Start_NoReplicaHoldsTheKey_RepliesNotFound()
    {
        // Arrange
        await using var env = new DomainEnvironment();
        var replies = StartRead(env, 3, 2);
        var calls = await env.Replicas.TakeHeldAsync(3);

        // Act
        calls[0].AnswerNotFound();
        calls[1].AnswerNotFound();

        // Assert
        var notFound = await replies.ExpectAsync<ReadNotFound>();
        notFound.Siblings.Should().BeEmpty();
        notFound.MergedClock.IsEmpty.Should().BeTrue();
    }

    [Theory]
    [InlineData(3, 2)]
    [InlineData(3, 3)]
    [InlineData(5, 3)]
    public async Task Start_NMinusRPlusOneFail_RepliesQuorumNotReachedWithTheNumbers(int n, int r)
    {
        // Arrange
        await using var env = new DomainEnvironment();
        var replies = StartRead(env, n, r);
        var calls = await env.Replicas.TakeHeldAsync(n);
        var failures = n - r + 1;

        // Act
        for (var i = 0; i < failures; i++)
        {
            calls[i].Fail();
        }

        // Assert
        var failed = await replies.ExpectAsync<ReadFailed>();
        failed.Kind.Should().Be(FailureKind.QuorumNotReached);
        failed.Message.Should().StartWith($"Quorum not reached: 0 of {n} replicas succeeded, {r} required ({failures} failed: ");
        failed.Message.Should().EndWith($"; {r - 1} did not answer).");
    }

    [Fact]
    public async Task Start_OneDownOneOverloaded_RepliesOverloadedNamingBothReasons()
    {
        // Arrange
        await using var env = new DomainEnvironment();
        var replies = StartRead(env, 3, 2);
        var calls = await env.Replicas.TakeHeldAsync(3);

        // Act
        calls[0].Fail("UNAVAILABLE: connection refused");
        calls[1].Overload();

        // Assert
        var failed = await replies.ExpectAsync<ReadFailed>();
        failed.Kind.Should().Be(FailureKind.Overloaded);
        failed.Message.Should().StartWith("Replicas overloaded: 0 of 3 replicas succeeded, 2 required (2 failed: ")
            .And.Contain(calls[0].NodeId + " UNAVAILABLE: connection refused").And.Contain(calls[1].NodeId + " RESOURCE_EXHAUSTED: queue full");
    }

    [Fact]
    public async Task Start_FailureThenTwoAnswers_RepliesFoundLate()
    {
        // Arrange
        await using var env = new DomainEnvironment();
        var replies = StartRead(env, 3, 2);
        var calls = await env.Replicas.TakeHeldAsync(3);

        // Act: one replica fails (a faulted task), the other two answer.
        calls[0].Fault(new IOException("reset"));
        calls[1].AnswerNotFound();
        calls[2].AnswerFound(V1);

        // Assert: not-found and found together resolve to the found version.
        (await replies.ExpectAsync<ReadFound>()).Winner.Should().Be(V1);
        await Bounded.UntilAsync(() => env.System.LiveActors == 0);
        replies.TakeUnexpected().Should().BeNull();
    }

    [Fact]
    public async Task Deadline_PassesBeforeQuorum_RepliesDeadlineExceededAndStops()
    {
        // Arrange
        await using var env = new DomainEnvironment();
        var replies = StartRead(env, 3, 2);
        await env.Replicas.TakeHeldAsync(3);

        // Act
        env.Time.Advance(Timeout);

        // Assert
        var failed = await replies.ExpectAsync<ReadFailed>();
        failed.Kind.Should().Be(FailureKind.DeadlineExceeded);
        failed.Message.Should().Be("Deadline exceeded: 0 of 3 replicas succeeded, 2 required (3 did not answer).");
        await Bounded.UntilAsync(() => env.System.LiveActors == 0);
    }

    [Fact]
    public async Task LateReplies_AfterTheReply_AbsorbedWithoutASecondReplyAndStopsAtN()
    {
        // Arrange
        await using var env = new DomainEnvironment();
        var replies = StartRead(env, 3, 2);
        var calls = await env.Replicas.TakeHeldAsync(3);
        calls[0].AnswerFound(V1);
        calls[1].AnswerFound(V1);
        await replies.ExpectAsync<ReadFound>();

        // Act
        calls[2].Fail();

        // Assert
        await Bounded.UntilAsync(() => env.System.LiveActors == 0);
        replies.TakeUnexpected().Should().BeNull();
    }

    [Fact]
    public async Task Deadline_StragglerNeverAnswers_StopsAtTheDeadlineWithoutASecondReply()
    {
        // Arrange
        await using var env = new DomainEnvironment();
        var replies = StartRead(env, 3, 2);
        var calls = await env.Replicas.TakeHeldAsync(3);
        calls[0].AnswerFound(V1);
        calls[1].AnswerFound(V1);
        await replies.ExpectAsync<ReadFound>();

        // Act
        env.Time.Advance(Timeout);

        // Assert
        await Bounded.UntilAsync(() => env.System.LiveActors == 0);
        calls[2].AnswerFound(V1);
        replies.TakeUnexpected().Should().BeNull();
    }

    private static RecordingRef StartRead(DomainEnvironment env, int n, int r)
    {
        env.Replicas.Hold(ReplicaCallKind.Read);
        var request = new ReadAggregation(TestData.Tenant, TestData.Key, TestData.Nodes(n), r, env.Deadline(Timeout));
        return env.Start(ReadAggregatorActor.Props(request, env.Replicas, env.RepairSettings(ReadRepairMode.Async)));
    }
}
