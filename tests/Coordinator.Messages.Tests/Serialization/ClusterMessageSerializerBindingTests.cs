using Akka.Actor;
using FluentAssertions;
using PairDb.Messages.Protocols;
using PairDb.Messages.Serialization;
using PairDb.Messages.Values;
using static PairDb.Messages.Tests.Serialization.ClusterMessageSamples;

namespace PairDb.Messages.Tests.Serialization;

/// <summary>A real local ActorSystem, registered through <see cref="ClusterMessageSerializer.Config"/>, picks the serializer.</summary>
public sealed class ClusterMessageSerializerBindingTests(ClusterSystemFixture fixture) : IClassFixture<ClusterSystemFixture>
{
    public static TheoryData<string> MessageNames => [.. Messages().Keys];

    [Theory]
    [MemberData(nameof(MessageNames))]
    public void FindSerializerFor_CrossNodeMessage_IsTheClusterSerializer(string name)
    {
        var message = Messages()[name];

        var serializer = fixture.System.Serialization.FindSerializerFor(message);

        serializer.Should().BeOfType<ClusterMessageSerializer>();
        serializer.Identifier.Should().Be(ClusterMessageSerializer.SerializerIdentifier);
    }

    [Fact]
    public void FindSerializerFor_UnboundLocalMessage_IsNotTheClusterSerializer()
    {
        fixture.System.Serialization.FindSerializerFor(new StartAggregation()).Should().NotBeOfType<ClusterMessageSerializer>();
    }

    [Theory]
    [MemberData(nameof(MessageNames))]
    public void Deserialize_ByIdentifierAndManifest_ReturnsTheMessage(string name)
    {
        var message = Messages()[name];
        var serialization = fixture.System.Serialization;
        var serializer = serialization.FindSerializerFor(message);
        var bytes = serializer.ToBinary(message);

        var copy = serialization.Deserialize(bytes, serializer.Identifier, Akka.Serialization.Serialization.ManifestFor(serializer, message));

        copy.GetType().Should().Be(message.GetType());
        copy.Should().BeEquivalentTo(message, o => o
            .Using<ReadOnlyMemory<byte>>(c => c.Subject.Span.SequenceEqual(c.Expectation.Span).Should().BeTrue())
            .WhenTypeIs<ReadOnlyMemory<byte>>()
            .Using<DateTime>(c => c.Subject.Should().BeCloseTo(c.Expectation, TimeSpan.FromMilliseconds(200)))
            .WhenTypeIs<DateTime>());
    }

    [Fact]
    public async Task Tell_WithSerializeMessagesOn_DeliversACopyMadeByTheSerializer()
    {
        var echo = fixture.System.ActorOf(Props.Create(() => new EchoActor()));
        var siblings = Siblings("winner"u8.ToArray());
        // An equal but distinct winner: only this serializer turns it into siblings[0] itself (sent as an index).
        var winner = new VersionedValue(siblings[0].Value, siblings[0].Clock, siblings[0].TimestampMicros, siblings[0].CoordinatorId, false);
        var sent = new ReadFound(winner, SiblingSet.MergedClock(siblings), siblings);

        var received = await echo.Ask<ReadFound>(sent, TimeSpan.FromSeconds(5));

        received.Should().NotBeSameAs(sent);
        received.Winner.Should().BeSameAs(received.Siblings[0]);
        received.Siblings.Should().Equal(siblings);
    }

    private static Dictionary<string, object> Messages()
    {
        var siblings = Siblings("v"u8.ToArray());
        return new()
        {
            ["WriteKey"] = new WriteKey("t", "k", OneMiBValue, false, Consistency.Quorum, 3, "i", true, DateTime.UtcNow.AddSeconds(5)),
            ["ReadKey"] = new ReadKey("t", "k", Consistency.All, 3, DateTime.UtcNow.AddSeconds(5)),
            ["WriteSucceeded"] = new WriteSucceeded(ThreeNodeClock, 3, Consistency.Quorum, "i", false),
            ["WriteFailed"] = new WriteFailed(FailureKind.QuorumNotReached, "1 of 3 replicas answered, 2 required"),
            ["ReadFound"] = new ReadFound(siblings[0], SiblingSet.MergedClock(siblings), siblings),
            ["ReadNotFound"] = new ReadNotFound(ThreeNodeClock, [siblings[2]]),
            ["ReadFailed"] = new ReadFailed(FailureKind.DeadlineExceeded, "deadline passed with 1 of 3 replicas answered"),
            ["RingChanged"] = RingChanged.Instance,
        };
    }

    /// <summary>Replies with what it received (the copy serialize-messages made).</summary>
    private sealed class EchoActor : ReceiveActor
    {
        public EchoActor() => ReceiveAny(message => Sender.Tell(message));
    }
}
