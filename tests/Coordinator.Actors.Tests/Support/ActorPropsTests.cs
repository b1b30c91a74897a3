using Akka.Actor;
using FluentAssertions;
using PairDb.Actors.Support;

namespace PairDb.Actors.Tests.Support;

public sealed class ActorPropsTests : Akka.TestKit.Xunit2.TestKit
{
    public ActorPropsTests()
        : base(CompactMailbox.Registration)
    {
    }

    [Fact]
    public void Brief_Spawned_RunsOnTheCompactMailboxAndAnswers()
    {
        var props = ActorProps.Brief(() => new Echo());

        var echo = (ActorRefWithCell)Sys.ActorOf(props);
        echo.Tell("first", TestActor);
        echo.Tell("second", TestActor);

        props.Mailbox.Should().Be(CompactMailbox.Id);
        ExpectMsg("first");
        ExpectMsg("second");
        ((ActorCell)echo.Underlying).Mailbox!.MessageQueue.Should().BeOfType<CompactMessageQueue>();
    }

    [Fact]
    public void Of_Spawned_KeepsTheDefaultMailbox()
    {
        var echo = (ActorRefWithCell)Sys.ActorOf(ActorProps.Of(() => new Echo()));
        echo.Tell("only", TestActor);

        ExpectMsg("only");
        ((ActorCell)echo.Underlying).Mailbox!.MessageQueue.Should().NotBeOfType<CompactMessageQueue>();
    }

    private sealed class Echo : ReceiveActor
    {
        public Echo() => ReceiveAny(message => Sender.Tell(message));
    }
}
