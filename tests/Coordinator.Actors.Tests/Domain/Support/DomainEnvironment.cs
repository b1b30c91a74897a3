using System.Text;
using PairDb.Actors.Kernel;
using PairDb.Actors.Keys;
using PairDb.Actors.Quorum;
using PairDb.Actors.Repair;
using PairDb.Actors.Ring;
using PairDb.Actors.Tests.Kernel.Support;
using PairDb.Messages.Protocols;
using PairDb.Messages.Values;

namespace PairDb.Actors.Tests.Domain.Support;

/// <summary>
/// One spec's actor system on manual time with fake ports: replicas, idempotency and metadata (three nodes), the
/// ring view the ring actor fills, and a recording reference standing in for the read-repair actor.
/// </summary>
public sealed class DomainEnvironment : IAsyncDisposable
{
    /// <summary>Ask timeout of the specs: manual time never gets there unless a spec advances that far.</summary>
    public static readonly TimeSpan AskTimeout = TimeSpan.FromHours(1);

    /// <summary>Probes and reloads are a day apart, so specs that advance minutes never trigger them.</summary>
    public static readonly RingSettings QuietRing = new(TimeSpan.FromDays(1), TimeSpan.FromSeconds(1), 3, TimeSpan.FromDays(1));

    public DomainEnvironment()
    {
        System = new ActorSystem("domain", Time);
        Metadata = new FakeMetadataStore(TestData.ThreeNodes);
    }

    public ManualTimeProvider Time { get; } = new();

    public ActorSystem System { get; }

    public FakeReplicaClient Replicas { get; } = new();

    public FakeIdempotencyStore Idempotency { get; } = new();

    public FakeMetadataStore Metadata { get; }

    public RingView Ring { get; } = new();

    /// <summary>Stands in for the read-repair actor: records the jobs reads hand on.</summary>
    public RecordingRef RepairJobs { get; } = new("/test/read-repair");

    public RepairCounters RepairCounters { get; } = new();

    public DateTime Now => Time.GetUtcNow().UtcDateTime;

    public DateTime Deadline(TimeSpan after) => Now + after;

    public ReadRepairSettings RepairSettings(ReadRepairMode mode, int maxRepairsPerRead = 3) =>
        new(mode, maxRepairsPerRead, RepairJobs, RepairCounters);

    /// <summary>Starts the ring actor over the metadata store and waits for its first snapshot.</summary>
    public async Task<IActorRef> StartRingAsync(RingSettings? settings = null)
    {
        var ring = System.ActorOf(RingActor.Props(Metadata, Replicas, Ring, settings ?? QuietRing), "ring");
        await ring.Ask<RingSnapshot>(new RefreshMembership(), AskTimeout).WithinBound();
        return ring;
    }

    public KeyActorServices KeyServices(int maxBatch = 16, int maxClockEntries = 10) =>
        new(Replicas, Idempotency, Ring, RepairSettings(ReadRepairMode.Async), TestData.CoordinatorId, maxClockEntries, maxBatch);

    /// <summary>A key actor for <see cref="TestData.Key"/>, spawned top-level (no region) with the ring started first.</summary>
    public async Task<IActorRef> SpawnKeyActorAsync(int mailboxCapacity = 64, int maxBatch = 16)
    {
        if (Ring.Current.Version == 0)
        {
            await StartRingAsync();
        }

        return System.ActorOf(KeyActor.Props(TestData.Tenant, TestData.Key, KeyServices(maxBatch), mailboxCapacity), "key");
    }

    /// <summary>A write of <see cref="TestData.Key"/> at quorum with RF 3; a client idempotency key when one is given.</summary>
    public WriteKey Write(string value, string? idempotencyKey = null, DateTime? deadline = null, Consistency consistency = Consistency.Quorum) =>
        new(
            TestData.Tenant,
            TestData.Key,
            Encoding.UTF8.GetBytes(value),
            Tombstone: false,
            consistency,
            ReplicationFactor: 3,
            idempotencyKey ?? "generated-" + value,
            ClientIdempotencyKey: idempotencyKey is not null,
            deadline ?? Deadline(TimeSpan.FromSeconds(5)));

    /// <summary>Starts an aggregator the way the key actor and the edge do, with replies going to a recorder.</summary>
    public RecordingRef Start(Props aggregator)
    {
        var replies = new RecordingRef();
        System.ActorOf(aggregator, "aggregator").Tell(new StartAggregation(), replies);
        return replies;
    }

    public async ValueTask DisposeAsync() => await System.DisposeAsync().AsTask().WithinBound();
}
