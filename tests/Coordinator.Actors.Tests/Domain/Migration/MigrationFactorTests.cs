using FluentAssertions;
using PairDb.Actors.Migration;
using PairDb.Messages.Protocols;
using PairDb.Messages.Values;

namespace PairDb.Actors.Tests.Domain.Migration;

/// <summary>
/// Replication-factor changes through the migration actor on four nodes (so a key's replicas are a strict subset
/// of the nodes either way): the factor switches, new replicas get the data first, surplus replicas are purged.
/// </summary>
public sealed class MigrationFactorTests : IAsyncDisposable
{
    private const string Tenant = MigrationWorld.Tenant;
    private static readonly string[] Nodes = ["n1", "n2", "n3", "n4"];
    private static readonly MigrationSettings Immediate = new(TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(5), MaxAttempts: 2);
    private readonly MigrationWorld _world = new(nodes: 4);
    private MigrationCoordinator? _coordinator;

    public async ValueTask DisposeAsync()
    {
        if (_coordinator is not null)
        {
            await _coordinator.DisposeAsync();
        }
    }

    [Fact]
    public async Task ChangeFactor_ThreeToTwo_SwitchesAndPurgesEverySurplusReplica()
    {
        var coordinator = await StartAsync(factor: 3);

        var record = await _world.WaitFinishedAsync(await coordinator.RequestAsync(new ChangeFactorRequest(Tenant, 2)));

        record.Status.Should().Be(MigrationStatus.Completed, record.Error);
        record.Error.Should().BeNull("every surplus range was purged");
        (await _world.Metadata.GetTenantAsync(Tenant, CancellationToken.None))!.ReplicationFactor.Should().Be(2);
        _world.AssertPlacement(Nodes, factor: 2);
    }

    [Fact]
    public async Task ChangeFactor_TwoToThree_CopiesEachKeyToItsThirdReplicaAndSwitches()
    {
        var coordinator = await StartAsync(factor: 2);

        var record = await _world.WaitFinishedAsync(await coordinator.RequestAsync(new ChangeFactorRequest(Tenant, 3)));

        record.Status.Should().Be(MigrationStatus.Completed, record.Error);
        (await _world.Metadata.GetTenantAsync(Tenant, CancellationToken.None))!.ReplicationFactor.Should().Be(3);
        record.TotalKeys.Should().Be(_world.Keys.Count, "each key gains exactly one replica");
        record.KeysMigrated.Should().Be(record.TotalKeys);
        _world.AssertPlacement(Nodes, factor: 3);
    }

    [Fact]
    public async Task ChangeFactor_TwoToThreeFailsWhileStreaming_KeepsTheFactorAndPurgesTheCopiesMadeToServingNodes()
    {
        // The settle delay leaves time to break n4 after the change was accepted; n4 is then a source and a target
        // whose transfers fail, while the other transfers copy keys to their third replicas.
        var coordinator = await StartAsync(factor: 2, Immediate with { SettleDelay = TimeSpan.FromMilliseconds(500) });
        var reply = await coordinator.RequestAsync(new ChangeFactorRequest(Tenant, 3));
        _world.Storage.Failing.Add("n4");

        var record = await _world.WaitFinishedAsync(reply);

        record.Status.Should().Be(MigrationStatus.Failed, record.Error);
        record.KeysMigrated.Should().BeGreaterThan(0, "some third replicas got their copies before the failure");
        (await _world.Metadata.GetTenantAsync(Tenant, CancellationToken.None))!.ReplicationFactor.Should().Be(2);
        _world.AssertHoldsExactlyItsOwnKeys(Nodes, factor: 2, checkedNodes: ["n1", "n2", "n3"]);
        record.Error.Should().Contain("Purging the copies made so far left", "n4 is down, so what it was sent cannot be purged")
            .And.Contain("n4");
    }

    private async Task<MigrationCoordinator> StartAsync(int factor, MigrationSettings? settings = null)
    {
        await _world.SeedAsync(factor);
        _coordinator = await _world.StartCoordinatorAsync("coord-a", settings ?? Immediate);
        return _coordinator;
    }
}
