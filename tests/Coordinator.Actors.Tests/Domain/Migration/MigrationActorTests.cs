using FluentAssertions;
using PairDb.Actors.Cores;
using PairDb.Actors.Kernel;
using PairDb.Actors.Migration;
using PairDb.Actors.Ring;
using PairDb.Actors.Tests.Domain.Support;
using PairDb.Messages.Values;

namespace PairDb.Actors.Tests.Domain.Migration;

/// <summary>
/// The migration actor over in-memory storage nodes and metadata: with no settle delay and no grace period a
/// migration runs straight through, so the specs wait on its record (bounded) rather than on a clock.
/// </summary>
public sealed class MigrationActorTests : IAsyncDisposable
{
    private const string Tenant = "t";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);
    private static readonly MigrationSettings Immediate = new(TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(5), MaxAttempts: 2);
    private readonly ActorSystem _system = new("migration-spec");
    private readonly InMemoryStorage _storage = new();
    private readonly FakeMetadataStore _metadata = new(TestData.Node("n1", 1), TestData.Node("n2", 2), TestData.Node("n3", 3));
    private readonly RingView _ring = new();
    private readonly string[] _keys = [.. Enumerable.Range(0, 300).Select(i => "k" + i)];

    public async ValueTask DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task AddNode_WithData_CopiesExactlyTheGainedKeysSwitchesAndPurgesFormerOwners()
    {
        var migrations = await StartAsync();

        var reply = await migrations.Ask<object>(new StartMigration(new AddNodeRequest(TestData.Node("n4", 4))), Bound);

        var record = await WaitFinishedAsync(reply);
        record.Status.Should().Be(MigrationStatus.Completed, record.Error);
        record.KeysMigrated.Should().Be(record.TotalKeys).And.BeGreaterThan(0);
        _ring.Current.Find("n4")!.Status.Should().Be(StorageNodeStatus.Active);
        AssertPlacement(["n1", "n2", "n3", "n4"]);
    }

    [Fact]
    public async Task RemoveNode_WithData_HandsItsRangesOverAndRemovesIt()
    {
        var migrations = await StartAsync();

        var reply = await migrations.Ask<object>(new StartMigration(new RemoveNodeRequest("n1", Force: false)), Bound);

        var record = await WaitFinishedAsync(reply);
        record.Status.Should().Be(MigrationStatus.Completed, record.Error);
        _ring.Current.Find("n1")!.Status.Should().Be(StorageNodeStatus.Removed);
        AssertPlacement(["n2", "n3"], ignore: "n1");
    }

    [Fact]
    public async Task AddNode_TargetFailsWhileStreaming_FailsWithTheReasonAndKeepsThePreviousRing()
    {
        // The settle delay leaves time to break the target after the join was accepted (its health was checked).
        var migrations = await StartAsync(Immediate with { SettleDelay = TimeSpan.FromMilliseconds(500) });
        var reply = await migrations.Ask<object>(new StartMigration(new AddNodeRequest(TestData.Node("n4", 4))), Bound);
        _storage.Failing.Add("n4");

        var record = await WaitFinishedAsync(reply);

        record.Status.Should().Be(MigrationStatus.Failed);
        record.Error.Should().Contain("n4");
        _ring.Current.Find("n4")!.Status.Should().Be(StorageNodeStatus.Removed);
        _ring.Current.Ring.Members.Select(m => m.NodeId).Should().BeEquivalentTo("n1", "n2", "n3");
        AssertPlacement(["n1", "n2", "n3"], ignore: "n4");
    }

    [Fact]
    public async Task StartMigration_WhileAnotherRuns_IsRefusedNamingIt()
    {
        var migrations = await StartAsync(Immediate with { SettleDelay = TimeSpan.FromMinutes(10) });
        var first = (MigrationAccepted)await migrations.Ask<object>(new StartMigration(new AddNodeRequest(TestData.Node("n4", 4))), Bound);

        var second = await migrations.Ask<object>(new StartMigration(new ChangeFactorRequest(Tenant, 3)), Bound);

        second.Should().BeOfType<MigrationRefused>().Which.Message.Should().Contain(first.Migration!.Id);
    }

    [Theory]
    [InlineData("n9", false, MigrationRefusal.NotFound)]
    [InlineData("n1", true, MigrationRefusal.FailedPrecondition)]
    public async Task RemoveNode_UnknownOrBelowTheLargestFactor_IsRefused(string node, bool raiseFactorFirst, MigrationRefusal expected)
    {
        var migrations = await StartAsync();
        if (raiseFactorFirst)
        {
            await _metadata.UpdateReplicationFactorAsync(Tenant, 3, null, DateTimeOffset.UtcNow, CancellationToken.None);
        }

        var reply = await migrations.Ask<object>(new StartMigration(new RemoveNodeRequest(node, Force: true)), Bound);

        reply.Should().BeOfType<MigrationRefused>().Which.Reason.Should().Be(expected);
    }

    private async Task<IActorRef> StartAsync(MigrationSettings? settings = null)
    {
        await _metadata.CreateTenantAsync(Tenant, 2, DateTimeOffset.UtcNow, CancellationToken.None);
        var ring = _system.ActorOf(RingActor.Props(_metadata, _storage, _ring, DomainEnvironment.QuietRing), "ring");
        await ring.Ask<RingSnapshot>(new RefreshMembership(), Bound);
        foreach (var key in _keys)
        {
            foreach (var owner in _ring.Current.Ring.PreferenceList(Tenant, key, 2))
            {
                _storage.Put(owner, Tenant, key, TestData.Version(key, 1, ("c", 1)));
            }
        }

        var services = new MigrationServices(_metadata, _storage, _storage, ring, new PendingReplicaWrites(), "coord-a", TimeProvider.System);
        return _system.ActorOf(MigrationActor.Props(services, settings ?? Immediate), "migrations");
    }

    private async Task<MigrationRecord> WaitFinishedAsync(object reply)
    {
        var id = reply.Should().BeOfType<MigrationAccepted>().Which.Migration!.Id;
        var deadline = DateTime.UtcNow + Bound;
        while (DateTime.UtcNow < deadline)
        {
            var record = await _metadata.GetMigrationAsync(id, CancellationToken.None);
            if (record is { IsActive: false })
            {
                return record;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"Migration {id} did not finish within {Bound}.");
    }

    /// <summary>Every key is on exactly its preference list over <paramref name="nodes"/> (RF 2).</summary>
    private void AssertPlacement(string[] nodes, string? ignore = null)
    {
        var ring = new HashRing(nodes.Select(n => new RingMember(n, TestData.Node(n).VirtualNodes)));
        var held = nodes.ToDictionary(n => n, n => _storage.Keys(n, Tenant));
        foreach (var key in _keys)
        {
            var holders = nodes.Where(n => held[n].Contains(key)).Order(StringComparer.Ordinal);
            holders.Should().Equal(ring.PreferenceList(Tenant, key, 2).Order(StringComparer.Ordinal), "key {0} ({1} not checked)", key, ignore ?? "-");
        }
    }
}
