using Akka.Actor;
using FluentAssertions;
using PairDb.Actors.Ring;
using PairDb.Actors.Tests.Domain.Support;

namespace PairDb.Actors.Tests.Domain.Ring;

/// <summary>
/// Membership and health of the ring. Health probes are held and answered by the spec; an answer queues the probe
/// round's outcome before it returns, so the next probe tick (a TestScheduler advance) always finds the round finished.
/// </summary>
public sealed class RingActorTests : DomainSpec
{
    private static readonly RingSettings Settings = new(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1), FailureThreshold: 3, TimeSpan.FromDays(1));

    [Fact]
    public async Task Start_MembershipLoaded_PublishesASnapshotOfTheNodes()
    {
        // Arrange

        // Act
        await StartRingAsync(Settings);

        // Assert
        var snapshot = Ring.Current;
        snapshot.Version.Should().Be(1);
        snapshot.Nodes.Select(node => node.NodeId).Should().BeEquivalentTo(["n1", "n2", "n3"]);
        snapshot.ActiveNodeCount.Should().Be(3);
        snapshot.Down.Should().BeEmpty();
        snapshot.PreferenceList(TestData.Tenant, TestData.Key, 3).Select(node => node.NodeId).Should().OnlyHaveUniqueItems().And.HaveCount(3);
    }

    [Fact]
    public async Task RefreshMembership_NodeAdded_RepliesAndPublishesTheNewSnapshot()
    {
        // Arrange
        var ring = await StartRingAsync(Settings);
        await Metadata.AddStorageNodeAsync(TestData.Node("n4", 50064), CancellationToken.None);

        // Act
        var snapshot = await ring.Ask<RingSnapshot>(new RefreshMembership(), AskTimeout);
        var unchanged = await ring.Ask<RingSnapshot>(new RefreshMembership(), AskTimeout);

        // Assert: a new version for the change, none for a reload that found the same membership.
        snapshot.Version.Should().Be(2);
        snapshot.ActiveNodeCount.Should().Be(4);
        Ring.Current.Should().BeSameAs(snapshot);
        unchanged.Should().BeSameAs(snapshot);
    }

    [Fact]
    public async Task Probes_FailureThresholdFailures_NodeDownOnlyAtTheThreshold()
    {
        // Arrange
        Replicas.Hold(ReplicaCallKind.Health);
        var ring = await StartRingAsync(Settings);

        // Act: n2 fails two probe rounds; the third round starting proves the second was handled.
        for (var round = 0; round < 2; round++)
        {
            AnswerRound(await ProbeRoundAsync(ring), failing: "n2");
        }

        var third = await ProbeRoundAsync(ring);
        var downBeforeThreshold = Ring.Current.IsDown("n2");
        AnswerRound(third, failing: "n2");

        // Assert
        downBeforeThreshold.Should().BeFalse();
        await AwaitConditionAsync(() => Ring.Current.IsDown("n2"));
        Ring.Current.Down.Should().BeEquivalentTo(["n2"]);
        Ring.Current.Version.Should().Be(2);
    }

    [Fact]
    public async Task Probes_DownNodeAnswersOnce_Cleared()
    {
        // Arrange
        Replicas.Hold(ReplicaCallKind.Health);
        var ring = await StartRingAsync(Settings);
        for (var round = 0; round < 3; round++)
        {
            AnswerRound(await ProbeRoundAsync(ring), failing: "n2");
        }

        await AwaitConditionAsync(() => Ring.Current.IsDown("n2"));

        // Act
        AnswerRound(await ProbeRoundAsync(ring), failing: null);

        // Assert
        await AwaitConditionAsync(() => !Ring.Current.IsDown("n2"));
        Ring.Current.Down.Should().BeEmpty();
        Ring.Current.Version.Should().Be(3);
    }

    [Fact]
    public async Task RefreshMembership_StoreThrowsSynchronously_KeepsTheLastSnapshotAndReloadsNextTime()
    {
        // Arrange: the listing throws from the handler instead of returning a faulted task.
        var ring = await StartRingAsync(Settings);
        var before = Ring.Current;
        Metadata.ThrowOnNextList();

        // Act
        var during = await ring.Ask<RingSnapshot>(new RefreshMembership(), AskTimeout);

        // Assert: the failed load is absorbed (no crash, no restart); the next refresh loads membership again.
        during.Should().BeSameAs(before);
        Restarts.Should().Be(0);
        await Metadata.AddStorageNodeAsync(TestData.Node("n4", 50064), CancellationToken.None);
        var snapshot = await ring.Ask<RingSnapshot>(new RefreshMembership(), AskTimeout);
        snapshot.ActiveNodeCount.Should().Be(4);
        snapshot.Version.Should().BeGreaterThan(before.Version);
    }

    /// <summary>
    /// One probe tick: every node is probed once, and the calls are held for the spec to answer. The calls exist before
    /// the tick's handler has piped their joint outcome, so a refresh (handled after it, FIFO) serves as a barrier:
    /// once it answers, answering the calls queues the outcome at once, ahead of the next tick.
    /// </summary>
    private async Task<ReplicaCall[]> ProbeRoundAsync(IActorRef ring)
    {
        Scheduler.Advance(Settings.ProbeInterval);
        var calls = await Replicas.TakeHeldAsync(3);
        await ring.Ask<RingSnapshot>(new RefreshMembership(), AskTimeout);
        return calls;
    }

    private static void AnswerRound(ReplicaCall[] calls, string? failing)
    {
        foreach (var call in calls)
        {
            if (call.NodeId == failing)
            {
                call.Fail("connection refused");
            }
            else
            {
                call.AnswerHealth(healthy: true);
            }
        }
    }
}
