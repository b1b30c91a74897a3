using FluentAssertions;
using PairDb.Actors.Migration;
using PairDb.Actors.Tests.Domain.Support;
using PairDb.Messages.Protocols;
using PairDb.Messages.Values;

namespace PairDb.Actors.Tests.Domain.Migration;

/// <summary>
/// The migration actor over in-memory storage nodes and metadata: with no settle delay and no grace period a
/// migration runs straight through, so the specs wait on its record (bounded) rather than on a clock.
/// </summary>
public sealed class MigrationActorTests : IAsyncDisposable
{
    private const string Tenant = MigrationWorld.Tenant;
    private static readonly MigrationSettings Immediate = new(TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(5), MaxAttempts: 2);
    private readonly MigrationWorld _world = new(nodes: 3);
    private MigrationCoordinator? _coordinator;

    public async ValueTask DisposeAsync()
    {
        if (_coordinator is not null)
        {
            await _coordinator.DisposeAsync();
        }
    }

    [Fact]
    public async Task AddNode_WithData_CopiesExactlyTheGainedKeysSwitchesAndPurgesFormerOwners()
    {
        var coordinator = await StartAsync();

        var reply = await coordinator.RequestAsync(new AddNodeRequest(TestData.Node("n4", 4)));

        var record = await _world.WaitFinishedAsync(reply);
        record.Status.Should().Be(MigrationStatus.Completed, record.Error);
        record.KeysMigrated.Should().Be(record.TotalKeys).And.BeGreaterThan(0);
        coordinator.Ring.Current.Find("n4")!.Status.Should().Be(StorageNodeStatus.Active);
        _world.AssertPlacement(["n1", "n2", "n3", "n4"], factor: 2);
    }

    [Fact]
    public async Task RemoveNode_WithData_HandsItsRangesOverAndRemovesIt()
    {
        var coordinator = await StartAsync();

        var reply = await coordinator.RequestAsync(new RemoveNodeRequest("n1", Force: false));

        var record = await _world.WaitFinishedAsync(reply);
        record.Status.Should().Be(MigrationStatus.Completed, record.Error);
        coordinator.Ring.Current.Find("n1")!.Status.Should().Be(StorageNodeStatus.Removed);
        _world.AssertPlacement(["n2", "n3"], factor: 2, ignore: "n1");
    }

    [Fact]
    public async Task AddNode_TargetFailsWhileStreaming_FailsWithTheReasonAndKeepsThePreviousRing()
    {
        // The settle delay leaves time to break the target after the join was accepted (its health was checked).
        var coordinator = await StartAsync(Immediate with { SettleDelay = TimeSpan.FromMilliseconds(500) });
        var reply = await coordinator.RequestAsync(new AddNodeRequest(TestData.Node("n4", 4)));
        _world.Storage.Failing.Add("n4");

        var record = await _world.WaitFinishedAsync(reply);

        record.Status.Should().Be(MigrationStatus.Failed);
        record.Error.Should().Contain("n4");
        coordinator.Ring.Current.Find("n4")!.Status.Should().Be(StorageNodeStatus.Removed);
        coordinator.Ring.Current.Ring.Members.Select(m => m.NodeId).Should().BeEquivalentTo("n1", "n2", "n3");
        _world.AssertPlacement(["n1", "n2", "n3"], factor: 2, ignore: "n4");
    }

    [Theory]
    [InlineData("n9", false, MigrationRefusal.NotFound)]
    [InlineData("n1", true, MigrationRefusal.FailedPrecondition)]
    public async Task RemoveNode_UnknownOrBelowTheLargestFactor_IsRefused(string node, bool raiseFactorFirst, MigrationRefusal expected)
    {
        var coordinator = await StartAsync();
        if (raiseFactorFirst)
        {
            await _world.Metadata.UpdateReplicationFactorAsync(Tenant, 3, null, DateTimeOffset.UtcNow, CancellationToken.None);
        }

        var reply = await coordinator.RequestAsync(new RemoveNodeRequest(node, Force: true));

        reply.Should().BeOfType<MigrationRefused>().Which.Reason.Should().Be(expected);
    }

    private async Task<MigrationCoordinator> StartAsync(MigrationSettings? settings = null)
    {
        await _world.SeedAsync(factor: 2);
        _coordinator = await _world.StartCoordinatorAsync("coord-a", settings ?? Immediate);
        return _coordinator;
    }
}
