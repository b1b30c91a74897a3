using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.TestKit;
using FluentAssertions;
using PairDb.Actors.Cores;
using PairDb.Actors.Ports;
using PairDb.Actors.Ring;
using PairDb.Actors.Tests.Domain.Support;
using PairDb.Messages.Protocols;
using PairDb.Messages.Values;

namespace PairDb.Actors.Tests.Domain.Ring;

/// <summary>
/// A node whose database incarnation changed is marked rebuilding, once across coordinators, and a refill clears the
/// mark only when it names the current one. Health probes are held and answered by the spec; a probe stands in for the
/// cluster's pub-sub mediator.
/// </summary>
public sealed class RingRebuildTests : DomainSpec
{
    private static readonly RingSettings Settings = new(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1), FailureThreshold: 3, TimeSpan.FromDays(1));
    private readonly ConcurrentQueue<RebuildDetected> _detected = new();
    private TestProbe _mediator = null!;

    [Fact]
    public async Task Probe_FirstIncarnationSeen_RecordsItWithoutMarking()
    {
        // Arrange
        var ring = await StartAsync();

        // Act
        await AnswerRoundAsync(ring, ("n1", "inc-1"), ("n2", "inc-2"), ("n3", "inc-3"));

        // Assert
        await AwaitConditionAsync(() => Metadata.IdentityOf("n3").Incarnation == "inc-3");
        Metadata.IdentityOf("n2").Should().Be(new NodeIdentity("n2", "inc-2", null));
        Ring.Current.Rebuilding.Should().BeEmpty();
        _detected.Should().BeEmpty();
        _mediator.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task Probe_NoIncarnationReported_ChangesNothing()
    {
        // Arrange
        Metadata.SetIdentity(new NodeIdentity("n2", "inc-2", null));
        var ring = await StartAsync();

        // Act
        await AnswerRoundAsync(ring, ("n1", ""), ("n2", ""), ("n3", ""));

        // The next round starts only once the first one was handled.
        Scheduler.Advance(Settings.ProbeInterval);
        await Replicas.TakeHeldAsync(3);
        await ring.Ask<ActorIdentity>(new Identify(null), AskTimeout);

        // Assert
        Metadata.IdentityOf("n1").Incarnation.Should().BeNull();
        Metadata.IdentityOf("n2").Should().Be(new NodeIdentity("n2", "inc-2", null));
        Ring.Current.Rebuilding.Should().BeEmpty();
    }

    [Fact]
    public async Task Probe_IncarnationChanged_MarksRebuildingAnnouncesAndReports()
    {
        // Arrange
        RecordAll("inc-1", "inc-2", "inc-3");
        var ring = await StartAsync();
        var version = Ring.Current.Version;

        // Act
        await AnswerRoundAsync(ring, ("n1", "inc-1"), ("n2", "inc-2b"), ("n3", "inc-3"));

        // Assert
        await AwaitConditionAsync(() => Ring.Current.IsRebuilding("n2"));
        var since = IncarnationRule.RebuildingMark(Sys.Scheduler.Now);
        Ring.Current.Rebuilding.Should().Equal(new Dictionary<string, DateTimeOffset> { ["n2"] = since });
        Ring.Current.Version.Should().BeGreaterThan(version);
        Metadata.IdentityOf("n2").Should().Be(new NodeIdentity("n2", "inc-2b", since));
        _detected.Should().Equal(new RebuildDetected("n2", "inc-2", "inc-2b", since));
        _mediator.ExpectMsg<Publish>().Message.Should().BeSameAs(RingChanged.Instance);
    }

    [Fact]
    public async Task Probe_AnotherCoordinatorMarkedItFirst_AdoptsThatMarkWithoutReporting()
    {
        // Arrange: this coordinator loaded inc-2; another one then recorded the change.
        RecordAll("inc-1", "inc-2", "inc-3");
        var ring = await StartAsync();
        var theirs = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
        Metadata.SetIdentity(new NodeIdentity("n2", "inc-2b", theirs));

        // Act
        await AnswerRoundAsync(ring, ("n1", "inc-1"), ("n2", "inc-2b"), ("n3", "inc-3"));

        // Assert: its conditional change lost, so it reloaded and holds the winner's mark.
        await AwaitConditionAsync(() => Ring.Current.IsRebuilding("n2"));
        Ring.Current.Rebuilding["n2"].Should().Be(theirs);
        Metadata.IdentityOf("n2").Should().Be(new NodeIdentity("n2", "inc-2b", theirs));
        _detected.Should().BeEmpty();
    }

    [Fact]
    public async Task NodeRefilled_CurrentMark_ClearsPersistsAndAnnounces()
    {
        // Arrange
        var since = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
        RecordAll("inc-1", "inc-2", "inc-3");
        Metadata.SetIdentity(new NodeIdentity("n2", "inc-2", since));
        var ring = await StartAsync();
        Ring.Current.IsRebuilding("n2").Should().BeTrue();

        // Act
        var snapshot = await ring.Ask<RingSnapshot>(new NodeRefilled("n2", since), AskTimeout);

        // Assert
        snapshot.IsRebuilding("n2").Should().BeFalse();
        Ring.Current.Should().BeSameAs(snapshot);
        Metadata.IdentityOf("n2").Should().Be(new NodeIdentity("n2", "inc-2", null));
        _mediator.ExpectMsg<Publish>().Message.Should().BeSameAs(RingChanged.Instance);
    }

    [Fact]
    public async Task NodeRefilled_StaleMarkAfterASecondWipe_KeepsTheNewerMark()
    {
        // Arrange: the refill began at the first wipe; the node was wiped again since.
        var first = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
        var second = first.AddMinutes(10);
        RecordAll("inc-1", "inc-2", "inc-3");
        Metadata.SetIdentity(new NodeIdentity("n2", "inc-2c", second));
        var ring = await StartAsync();

        // Act
        var snapshot = await ring.Ask<RingSnapshot>(new NodeRefilled("n2", first), AskTimeout);

        // Assert
        snapshot.Rebuilding["n2"].Should().Be(second);
        Metadata.IdentityOf("n2").RebuildingSince.Should().Be(second);
        _mediator.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task Reload_MarkClearedByAnotherCoordinator_PublishesASnapshotWithoutIt()
    {
        // Arrange
        var since = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
        Metadata.SetIdentity(new NodeIdentity("n2", "inc-2", since));
        var ring = await StartAsync();
        Metadata.SetIdentity(new NodeIdentity("n2", "inc-2", null));

        // Act
        ring.Tell(RingChanged.Instance, _mediator.Ref);

        // Assert
        await AwaitConditionAsync(() => !Ring.Current.IsRebuilding("n2"));
        Ring.Current.Rebuilding.Should().BeEmpty();
    }

    [Fact]
    public async Task Reload_RebuildingNodeRemovedFromTheRing_ItsMarkLeavesTheSnapshot()
    {
        // Arrange: n2 was wiped and marked, then the operator removed it (its mark stays in the store).
        var since = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
        Metadata.SetIdentity(new NodeIdentity("n2", "inc-2", since));
        var ring = await StartAsync();
        Ring.Current.IsRebuilding("n2").Should().BeTrue();
        await Metadata.UpdateStorageNodeAsync(TestData.N2 with { Status = StorageNodeStatus.Removed }, CancellationToken.None);

        // Act
        ring.Tell(RingChanged.Instance, _mediator.Ref);

        // Assert: a removed node owns no range, so no pass could clear its mark; it is simply not rebuilding.
        await AwaitConditionAsync(() => !Ring.Current.IsRebuilding("n2"));
        Ring.Current.Rebuilding.Should().BeEmpty();
        Metadata.IdentityOf("n2").RebuildingSince.Should().Be(since);
    }

    [Fact]
    public async Task Reload_ReadBeforeAMarkWasRecorded_KeepsTheMarkAndReadsAgain()
    {
        // Arrange: a reload reads the identities, then is slow to answer.
        RecordAll("inc-1", "inc-2", "inc-3");
        var ring = await StartAsync();
        var listings = Metadata.IdentityListings;
        Metadata.HoldIdentityListings();
        ring.Tell(RingChanged.Instance, _mediator.Ref);
        await AwaitConditionAsync(() => Metadata.IdentityListings > listings);

        // Act: meanwhile n2 is found wiped and marked; then the listing read before the mark answers.
        await AnswerRoundAsync(ring, ("n1", "inc-1"), ("n2", "inc-2b"), ("n3", "inc-3"));
        await AwaitConditionAsync(() => Ring.Current.IsRebuilding("n2"));
        Metadata.ReleaseIdentityListings();

        // Assert: the stale listing did not take the mark away, and the identities were read again.
        await AwaitConditionAsync(() => Metadata.IdentityListings > listings + 1);
        await ring.Ask<ActorIdentity>(new Identify(null), AskTimeout);
        Ring.Current.IsRebuilding("n2").Should().BeTrue();
    }

    private void RecordAll(params string[] incarnations)
    {
        for (var i = 0; i < incarnations.Length; i++)
        {
            Metadata.SetIdentity(new NodeIdentity(TestData.ThreeNodes[i].NodeId, incarnations[i], null));
        }
    }

    /// <summary>Starts the ring actor with health probes held, and waits for its first snapshot without asking for a refresh (which would announce).</summary>
    private async Task<IActorRef> StartAsync()
    {
        Replicas.Hold(ReplicaCallKind.Health);
        _mediator = CreateTestProbe();
        var ring = await SpawnAsync(RingActor.Props(Metadata, Replicas, Ring, Settings, _mediator.Ref, _detected.Enqueue), "ring");
        _mediator.ExpectMsg<Subscribe>();
        await AwaitConditionAsync(() => Ring.Current.Version >= 1);
        return ring;
    }

    /// <summary>One probe tick, every node answering healthy with the given incarnation.</summary>
    private async Task AnswerRoundAsync(IActorRef ring, params (string NodeId, string Incarnation)[] answers)
    {
        Scheduler.Advance(Settings.ProbeInterval);
        var calls = await Replicas.TakeHeldAsync(answers.Length);
        await ring.Ask<ActorIdentity>(new Identify(null), AskTimeout);
        foreach (var call in calls)
        {
            call.AnswerHealth(healthy: true, Array.Find(answers, answer => answer.NodeId == call.NodeId).Incarnation);
        }
    }
}
