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
        var sent = new WriteSucceeded(ThreeNodeClock, 3, Consistency.Quorum, "i", IsDuplicate: false, Owner: "coordinator-1:50051");

        var received = await echo.Ask<WriteSucceeded>(sent, TimeSpan.FromSeconds(5));

        received.Should().NotBeSameAs(sent);
        received.Should().Be(sent);
    }

    private static Dictionary<string, object> Messages()
    {
        return new()
        {
            ["WriteKey"] = new WriteKey("t", "k", OneMiBValue, false, Consistency.Quorum, 3, "i", true, DateTime.UtcNow.AddSeconds(5)),
            ["WriteSucceeded"] = new WriteSucceeded(ThreeNodeClock, 3, Consistency.Quorum, "i", false),
            ["WriteFailed"] = new WriteFailed(FailureKind.QuorumNotReached, "1 of 3 replicas answered, 2 required"),
            ["RingChanged"] = RingChanged.Instance,
        };
    }

    /// <summary>Replies with what it received (the copy serialize-messages made).</summary>
    private sealed class EchoActor : ReceiveActor
    {
        public EchoActor() => ReceiveAny(message => Sender.Tell(message));
    }
}
