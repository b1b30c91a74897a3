using FluentAssertions;
using PairDb.Actors.Kernel;
using PairDb.Actors.Tests.Kernel.Support;

namespace PairDb.Actors.Tests.Kernel;

public sealed class ActorRefTests
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Tell_ManyMessages_HandledInSendOrder()
    {
        // Arrange
        await using var env = new TestActorEnvironment();
        var actor = env.Spawn(env.Props with { MailboxCapacity = 2000 });

        // Act
        for (var i = 0; i < 1000; i++)
        {
            actor.Tell(new RecordValue(i)).Should().Be(TellResult.Delivered);
        }

        var recorded = await actor.Ask<int[]>(new GetRecorded(), AskTimeout).WithinBound();

        // Assert
        recorded.Should().Equal(Enumerable.Range(0, 1000));
    }

    [Fact]
    public async Task Tell_FromConcurrentSenders_EachSendersOrderKept()
    {
        // Arrange
        await using var env = new TestActorEnvironment();
        var actor = env.Spawn(env.Props with { MailboxCapacity = 5000 });

        // Act: sender s sends s*1000 .. s*1000+999 while the others send theirs.
        var senders = Enumerable.Range(0, 4)
            .Select(s => Task.Run(() =>
            {
                for (var i = 0; i < 1000; i++)
                {
                    actor.Tell(new RecordValue((s * 1000) + i));
                }
            }))
            .ToArray();
        await Task.WhenAll(senders).WithinBound();
        var recorded = await actor.Ask<int[]>(new GetRecorded(), AskTimeout).WithinBound();

        // Assert
        recorded.Should().HaveCount(4000);
        for (var s = 0; s < 4; s++)
        {
            recorded.Where(v => v / 1000 == s).Should().BeInAscendingOrder();
        }
    }

    [Fact]
    public async Task Ask_HandlerReplies_ReturnsReply()
    {
        // Arrange
        await using var env = new TestActorEnvironment();
        var actor = env.Spawn();

        // Act
        var reply = await actor.Ask<string>(new Echo("hello"), AskTimeout).WithinBound();

        // Assert
        reply.Should().Be("hello");
    }

    [Fact]
    public async Task Ask_NoReplyBeforeDeadline_FailsWithAskTimeoutException()
    {
        // Arrange
        await using var env = new TestActorEnvironment();
        var actor = env.Spawn();
        var ask = actor.Ask<string>(new Ignore(), AskTimeout);

        // Act
        env.Time.Advance(AskTimeout - TimeSpan.FromMilliseconds(1));
        var completedBeforeDeadline = ask.IsCompleted;
        env.Time.Advance(TimeSpan.FromMilliseconds(1));

        // Assert
        completedBeforeDeadline.Should().BeFalse();
        var error = await ask.Awaiting(t => t.WithinBound()).Should().ThrowAsync<AskTimeoutException>();
        error.Which.Timeout.Should().Be(AskTimeout);
        error.Which.Path.Should().Be("/user/subject");
    }

    [Fact]
    public async Task Ask_RepliedBeforeDeadline_DeadlineHasNoEffect()
    {
        // Arrange
        await using var env = new TestActorEnvironment();
        var actor = env.Spawn();
        var reply = await actor.Ask<string>(new Echo("on time"), AskTimeout).WithinBound();

        // Act
        env.Time.Advance(AskTimeout * 2);

        // Assert
        reply.Should().Be("on time");
    }

    [Fact]
    public async Task Ask_TokenCancelled_FailsWithCancellation()
    {
        // Arrange
        await using var env = new TestActorEnvironment();
        var actor = env.Spawn();
        using var cancellation = new CancellationTokenSource();
        var ask = actor.Ask<string>(new Ignore(), AskTimeout, cancellation.Token);

        // Act
        await cancellation.CancelAsync();

        // Assert
        await ask.Awaiting(t => t.WithinBound()).Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task Ask_ReplyOfWrongType_FailsWithInvalidCastException()
    {
        // Arrange
        await using var env = new TestActorEnvironment();
        var actor = env.Spawn();

        // Act
        var ask = actor.Ask<int>(new Echo("not a number"), AskTimeout);

        // Assert
        await ask.Awaiting(t => t.WithinBound()).Should().ThrowAsync<InvalidCastException>();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task Ask_NonPositiveTimeout_Throws(int milliseconds)
    {
        // Arrange
        await using var env = new TestActorEnvironment();
        var actor = env.Spawn();

        // Act
        Action act = () => _ = actor.Ask<string>(new Echo("x"), TimeSpan.FromMilliseconds(milliseconds));

        // Assert
        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public async Task Tell_ToNobody_Dropped()
    {
        // Arrange
        await using var env = new TestActorEnvironment();

        // Act
        var result = Nobody.Instance.Tell("reply");
        var ask = Nobody.Instance.Ask<string>("question", AskTimeout);

        // Assert
        result.Should().Be(TellResult.Stopped);
        await ask.Awaiting(t => t.WithinBound()).Should().ThrowAsync<ActorStoppedException>();
    }
}
