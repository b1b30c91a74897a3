using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using FluentAssertions;
using PairDb.Actors.Ring;
using PairDb.Actors.Tests.Domain.Support;
using PairDb.Messages.Protocols;

namespace PairDb.Actors.Tests.Domain.Ring;

/// <summary>Ring changes travel through the cluster's pub-sub: a probe stands in for the mediator.</summary>
public sealed class RingChangeTests : DomainSpec
{
    [Fact]
    public async Task RefreshMembership_Asked_AnnouncesRingChangedToTheCluster()
    {
        // Arrange
        var mediator = CreateTestProbe();
        var ring = await SpawnAsync(RingActor.Props(Metadata, Replicas, Ring, QuietRing, mediator.Ref), "ring");
        var subscribe = mediator.ExpectMsg<Subscribe>();
        (subscribe.Topic, subscribe.Ref).Should().Be((RingChanged.Topic, ring));

        // Act
        await ring.Ask<RingSnapshot>(new RefreshMembership(), AskTimeout);

        // Assert
        var publish = mediator.ExpectMsg<Publish>();
        publish.Topic.Should().Be(RingChanged.Topic);
        publish.Message.Should().BeSameAs(RingChanged.Instance);
    }

    [Fact]
    public async Task RingChanged_FromAnotherCoordinator_ReloadsAtOnceWithoutAnnouncingAgain()
    {
        // Arrange: the periodic reload is a day away.
        var mediator = CreateTestProbe();
        var ring = await SpawnAsync(RingActor.Props(Metadata, Replicas, Ring, QuietRing, mediator.Ref), "ring");
        mediator.ExpectMsg<Subscribe>();
        await AwaitConditionAsync(() => Ring.Current.Version == 1);
        await Metadata.AddStorageNodeAsync(TestData.Node("n4", 50064), CancellationToken.None);

        // Act
        ring.Tell(RingChanged.Instance, CreateTestProbe().Ref);

        // Assert
        await AwaitConditionAsync(() => Ring.Current.ActiveNodeCount == 4);
        mediator.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }
}
