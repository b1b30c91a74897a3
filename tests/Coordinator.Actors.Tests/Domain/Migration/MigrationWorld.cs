using Akka.Configuration;
using FluentAssertions;
using PairDb.Actors.Cores;
using PairDb.Actors.Migration;
using PairDb.Actors.Tests.Domain.Support;
using PairDb.Messages.Protocols;
using PairDb.Messages.Ring;
using PairDb.Messages.Values;

namespace PairDb.Actors.Tests.Domain.Migration;

/// <summary>
/// What the coordinators of a migration spec share: in-memory storage nodes and metadata, and one tenant whose keys
/// are seeded on their preference lists. Waits are bounded in real time; placement checks are exact.
/// </summary>
public sealed class MigrationWorld
{
    public const string Tenant = "t";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Akka.Persistence's in-memory journal whose events every actor system of the process shares, so a coordinator
    /// started after another one died recovers what that one persisted; each world has its own persistence id.
    /// </summary>
    public static Config JournalConfig { get; } = ConfigurationFactory.ParseString($$"""
        {{JournalPluginId}} {
          class = "Akka.Persistence.Journal.SharedMemoryJournal, Akka.Persistence"
          plugin-dispatcher = "akka.actor.default-dispatcher"
        }
        """);

    /// <summary>Where <see cref="JournalConfig"/> puts the shared journal: the plugin id the runner is given.</summary>
    public const string JournalPluginId = "akka.persistence.journal.shared-memory";

    public MigrationWorld(int nodes, int keys = 300)
    {
        Metadata = new FakeMetadataStore([.. Enumerable.Range(1, nodes).Select(i => TestData.Node("n" + i, i))]);
        Keys = [.. Enumerable.Range(0, keys).Select(i => "k" + i)];
    }

    public InMemoryStorage Storage { get; } = new();

    public FakeMetadataStore Metadata { get; }

    public IReadOnlyList<string> Keys { get; }

    /// <summary>The migration runner's persistence id in this world, shared by its coordinators.</summary>
    public string PersistenceId { get; } = "migration-runner-" + Guid.NewGuid().ToString("N");

    /// <summary>Creates the tenant with <paramref name="factor"/> and writes every key to its preference list over the active nodes.</summary>
    public async Task SeedAsync(int factor)
    {
        await Metadata.CreateTenantAsync(Tenant, factor, DateTimeOffset.UtcNow, CancellationToken.None);
        var active = (await Metadata.ListStorageNodesAsync(CancellationToken.None)).Where(n => n.Status == StorageNodeStatus.Active).Select(n => n.NodeId);
        var ring = Ring([.. active]);
        foreach (var key in Keys)
        {
            foreach (var owner in ring.PreferenceList(Tenant, key, factor))
            {
                Storage.Put(owner, Tenant, key, TestData.Version(key, 1, ("c", 1)));
            }
        }
    }

    /// <summary>Starts a coordinator on the real clock, or on its own TestScheduler with <paramref name="manualTime"/>.</summary>
    public Task<MigrationCoordinator> StartCoordinatorAsync(string owner, MigrationSettings settings, bool manualTime = false) =>
        MigrationCoordinator.StartAsync(Storage, Metadata, PersistenceId, owner, settings, manualTime);

    /// <summary>Waits (bounded) until the accepted migration of <paramref name="reply"/> is no longer active.</summary>
    public Task<MigrationRecord> WaitFinishedAsync(object reply) =>
        WaitFinishedAsync(reply.Should().BeOfType<MigrationAccepted>().Which.Migration!.Id);

    public async Task<MigrationRecord> WaitFinishedAsync(string id)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (DateTime.UtcNow < deadline)
        {
            var record = await Metadata.GetMigrationAsync(id, CancellationToken.None);
            if (record is { IsActive: false })
            {
                return record;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"Migration {id} did not finish within {Bound}.");
    }

    public async Task<MigrationRecord> RecordAsync(string id) =>
        await Metadata.GetMigrationAsync(id, CancellationToken.None) ?? throw new InvalidOperationException($"No migration {id}.");

    /// <summary>The plan of <paramref name="record"/> over the stored membership and tenants, as the migration itself builds it.</summary>
    public async Task<MigrationPlan> PlanAsync(MigrationRecord record) =>
        MigrationPlacement.Plan(record, await Metadata.ListStorageNodesAsync(CancellationToken.None), await Metadata.ListTenantsAsync(CancellationToken.None));

    /// <summary>Every key is on exactly its preference list of <paramref name="factor"/> nodes over <paramref name="nodes"/>.</summary>
    public void AssertPlacement(string[] nodes, int factor, string? ignore = null)
    {
        var ring = Ring(nodes);
        var held = nodes.ToDictionary(n => n, n => Storage.Keys(n, Tenant));
        foreach (var key in Keys)
        {
            var holders = nodes.Where(n => held[n].Contains(key)).Order(StringComparer.Ordinal);
            holders.Should().Equal(ring.PreferenceList(Tenant, key, factor).Order(StringComparer.Ordinal), "key {0} ({1} not checked)", key, ignore ?? "-");
        }
    }

    /// <summary>
    /// Each of <paramref name="checkedNodes"/> holds exactly the keys it is a replica of, by the preference lists of
    /// <paramref name="factor"/> nodes over <paramref name="ring"/>: no copy it does not own, none of its own missing.
    /// </summary>
    public void AssertHoldsExactlyItsOwnKeys(string[] ring, int factor, string[] checkedNodes)
    {
        var hashRing = Ring(ring);
        foreach (var node in checkedNodes)
        {
            var held = Storage.Keys(node, Tenant);
            foreach (var key in Keys)
            {
                held.Contains(key).Should().Be(hashRing.PreferenceList(Tenant, key, factor).Contains(node), "{0} and key {1}", node, key);
            }
        }
    }

    /// <summary>The keys of the tenant that lie in the ring range (start, end].</summary>
    public IReadOnlyList<string> KeysIn(ulong start, ulong end) =>
        [.. Keys.Where(k => new RingRange(start, end).Contains(RingPositions.Compute(Tenant, k)))];

    private static HashRing Ring(string[] nodes) => new(nodes.Select(n => new RingMember(n, TestData.Node(n).VirtualNodes)));
}
