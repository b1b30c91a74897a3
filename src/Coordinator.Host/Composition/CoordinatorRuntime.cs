using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using PairDb.Actors.AntiEntropy;
using PairDb.Actors.Hints;
using PairDb.Actors.Keys;
using PairDb.Actors.Migration;
using PairDb.Actors.Quorum;
using PairDb.Actors.Repair;
using PairDb.Actors.Ring;
using PairDb.Coordinator.Configuration;
using PairDb.Coordinator.Edge;
using PairDb.Coordinator.Health;
using PairDb.Coordinator.RateLimits;
using PairDb.Coordinator.Replicas;
using PairDb.Coordinator.Security;
using PairDb.Coordinator.Stores;
using PairDb.Coordinator.Stores.Hints;
using PairDb.Coordinator.Tenants;
using PairDb.Messages.Validation;

namespace PairDb.Coordinator.Composition;

/// <summary>
/// Everything behind the edge, built in dependency order and torn down in reverse: stores, embedded storage
/// nodes, the replica client, the actor system with its ring actor, hint actor, read-repair actor, key shard region,
/// the migration singleton's manager and proxy, and the anti-entropy singleton's manager.
/// </summary>
public sealed class CoordinatorRuntime : IAsyncDisposable
{
    /// <summary>Writes of one key coalesced into one replicated round, at most.</summary>
    private const int MaxWritesPerRound = 64;

    /// <summary>Repairs running at once; the rest wait in the repair queue.</summary>
    private const int MaxConcurrentRepairs = 64;

    /// <summary>Stale replicas repaired per read, at most (all of them for RF up to 10).</summary>
    private const int MaxRepairsPerRead = 10;

    private readonly List<IAsyncDisposable> _owned;

    private CoordinatorRuntime(
        string nodeId,
        EdgeServices edge,
        KeyActorCounters keyActors,
        RepairCounters repairs,
        ReadCounters reads,
        HintCounters hints,
        AntiEntropyCounters antiEntropy,
        EmbeddedStorage? embedded,
        CoordinatorReadiness readiness,
        List<IAsyncDisposable> owned,
        ICredentialStore credentials,
        Authenticator? authenticator)
    {
        Credentials = credentials;
        Authenticator = authenticator;
        NodeId = nodeId;
        Readiness = readiness;
        Edge = edge;
        KeyActors = keyActors;
        Repairs = repairs;
        Reads = reads;
        Hints = hints;
        AntiEntropy = antiEntropy;
        Embedded = embedded;
        _owned = owned;
    }

    /// <summary>This coordinator's id: the name of its vector-clock entry.</summary>
    public string NodeId { get; }

    public EdgeServices Edge { get; }

    /// <summary>What this node's key actors count (live, stopped, refused writes).</summary>
    public KeyActorCounters KeyActors { get; }

    public RepairCounters Repairs { get; }

    /// <summary>How reads asked their replicas (speculated, full).</summary>
    public ReadCounters Reads { get; }

    /// <summary>Hinted handoff: hints stored, replayed, expired, dropped, and pending per node.</summary>
    public HintCounters Hints { get; }

    /// <summary>Anti-entropy: ranges synced, failed, skipped; keys read, repaired, collected (non-zero where the scheduler runs).</summary>
    public AntiEntropyCounters AntiEntropy { get; }

    public EmbeddedStorage? Embedded { get; }

    /// <summary>Tenant tokens and audit records (the metadata store's).</summary>
    public ICredentialStore Credentials { get; }

    /// <summary>The credential check of every call; null when security.auth_enabled is false.</summary>
    public Authenticator? Authenticator { get; }

    /// <summary>Store pings and ring reachability, for the health probes.</summary>
    public CoordinatorReadiness Readiness { get; }

    /// <summary>Builds everything on <paramref name="system"/> (hosted by Akka.Hosting), once this node has joined the cluster.</summary>
    public static async Task<CoordinatorRuntime> StartAsync(CoordinatorOptions options, ILoggerFactory loggers, ActorSystem system, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        var owned = new List<IAsyncDisposable>();
        try
        {
            Directory.CreateDirectory(options.DataDirectory);
            var nodeId = options.NodeId.Length > 0 ? options.NodeId : CoordinatorNodeId.LoadOrCreate(options.DataDirectory);
            var stores = await StoreFactory.OpenAsync(options, loggers, cancellationToken);
            owned.AddRange(stores.Owned);
            var (metadata, idempotency) = (stores.Metadata, stores.Idempotency);
            var hintStore = SqliteHintStore.Open(options.DataDirectory);
            owned.Add(hintStore);

            var storageTls = CoordinatorTls.ForStorage(options, loggers);
            EmbeddedStorage? embedded = null;
            if (options.EmbeddedStorageNodes > 0)
            {
                embedded = await EmbeddedStorage.StartAsync(options, cancellationToken);
                owned.Add(embedded);
            }

            await MembershipBootstrap.RegisterAsync(metadata, [.. embedded?.Members ?? [], .. options.StorageNodes.Select(node => node with { VirtualNodes = options.VirtualNodes })], cancellationToken);
            var replicas = new GrpcReplicaClient(
                new ReplicaChannelSettings(MaxReceiveMessageSize: options.MaxMessageBytes, MaxSendMessageSize: options.MaxMessageBytes) { Tls = storageTls },
                loggers.CreateLogger("PairDb.Replicas"),
                new CoalescingLimits(options.ReplicaMaxInFlight, options.ReplicaMaxBatch, options.ReplicaMaxQueued, options.ReplicaMaxBatchBytes));
            owned.Add(new AsyncDisposer(replicas.Dispose));

            // Leaving the cluster (shards handed off, key actors stopped once idle) comes before the replica client and
            // the stores close: the teardown runs this list backwards.
            owned.Add(new AsyncDisposer(async () => await CoordinatedShutdown.Get(system).Run(CoordinatedShutdown.ClrExitReason.Instance)));
            await CoordinatorAkka.JoinAsync(system, options, cancellationToken);
            var ring = new RingView();
            var ringLog = loggers.CreateLogger("PairDb.Ring");
            var ringActor = system.ActorOf(
                RingActor.Props(metadata, replicas, ring, new RingSettings(options.ProbeInterval, options.ReplicaCallTimeout, options.FailureThreshold, options.RingReloadInterval),
                    DistributedPubSub.Get(system).Mediator,
                    detected => RingLog.RebuildDetected(ringLog, detected.NodeId, detected.OldIncarnation, detected.NewIncarnation, detected.RebuildingSince)),
                "ring");
            await ringActor.Ask<RingSnapshot>(new RefreshMembership(), TimeSpan.FromSeconds(30), cancellationToken);

            var hints = new HintCounters();
            var hintActor = system.ActorOf(
                HintedHandoffActor.Props(hintStore, replicas, () => ring.Current,
                    new HintSettings(options.HintWindow, options.HintMaxBytes, options.HintReplayRate, options.ProbeInterval, options.ReplicaCallTimeout), hints),
                "hints");

            var repairs = new RepairCounters();
            var repairer = system.ActorOf(ReadRepairActor.Props(replicas, repairs, MaxConcurrentRepairs, options.RepairQueueCapacity, options.ReplicaCallTimeout), "read-repair");
            var repair = new ReadRepairSettings(options.ReadRepairMode, MaxRepairsPerRead, repairer, repairs);
            var fanout = new ReadFanoutSettings(options.ReadSpeculativeRetry, options.FullReadChance, new ReadCounters());
            var pendingWrites = new PendingReplicaWrites();
            var keyServices = new KeyActorServices(replicas, idempotency, ring, repair, fanout, nodeId, options.ClockMaxEntries, MaxWritesPerRound, pendingWrites)
            {
                Owner = options.ClientEndpoint,
                ClaimMargin = options.IdempotencyClaimMargin,
                Hints = options.HintsEnabled ? hintActor : null,
                LastStamps = options.LastStampCacheEntries > 0 ? new LastStampCache(options.LastStampCacheEntries) : null,
            };
            var keys = KeyShards.StartRegion(system, keyServices, options.MailboxCapacity);

            await MembershipBootstrap.EnsureDefaultTenantAsync(metadata, options.DefaultReplicationFactor, ring.Current.ActiveNodeCount, cancellationToken);
            var tenants = new TenantCache(
                metadata.GetTenantAsync,
                TimeProvider.System,
                new TenantCacheLimits(options.TenantCacheTtl, options.TenantCacheMaxEntries, options.TenantCacheMissTtl, options.TenantCacheMaxMisses));
            var tenantChanges = stores.TenantChanges.Subscribe(tenants.Invalidate);
            owned.Add(new AsyncDisposer(tenantChanges.Dispose));
            var tokens = new TokenCache(stores.Credentials.GetTokenAsync, TimeProvider.System, options.TokenCacheTtl, options.TokenCacheMaxEntries);
            var tokenChanges = stores.TokenChanges.Subscribe(tokens.Invalidate);
            owned.Add(new AsyncDisposer(tokenChanges.Dispose));
            var migrations = MigrationSingleton.Start(
                system,
                new MigrationServices(metadata, replicas, replicas, ringActor, pendingWrites, nodeId, TimeProvider.System),
                new MigrationSettings(options.MigrationSettleDelay, options.MigrationCleanupGrace, options.MigrationTimeout, options.ReplicaCallTimeout * 4));
            var antiEntropy = new AntiEntropyCounters();
            if (options.AntiEntropyEnabled)
            {
                AntiEntropySingleton.Start(
                    system,
                    new AntiEntropyServices(metadata, replicas, replicas, () => ring.Current, ringActor, TimeProvider.System, antiEntropy),
                    AntiEntropySettingsOf(options));
            }

            var edge = new EdgeServices(system, keys, ring, replicas, new KeyReads(system, ring, replicas, repair, fanout), metadata, tenants,
                new RequestValidator(options.MaxValueBytes, options.DefaultConsistency, options.MaxTtl), options.DefaultReplicationFactor, migrations, options.VirtualNodes,
                new InFlightBound(options.MaxInFlight), options.HandOffRetryAfter, options.ClientEndpoint,
                new BatchLimits(options.MaxBatchKeys, options.MaxMessageBytes - RequestLimits.MessageOverheadBytes, options.RetryAfter), hints,
                new TenantRateLimiter(options.RateLimits, TimeProvider.System))
            {
                Security = new SecurityServices(stores.Credentials, options.MaxTokensPerTenant, options.MaxPageSize),
                AntiEntropyEnabled = options.AntiEntropyEnabled,
            };
            var readiness = new CoordinatorReadiness(
                new ReadinessSources(metadata.PingAsync, idempotency.PingAsync, metadata.ListTenantsAsync, () => ring.Current), TimeProvider.System);
            var authenticator = options.AuthEnabled ? new Authenticator(options.AdminToken.Value, tokens) : null;
            return new CoordinatorRuntime(nodeId, edge, keyServices.Counters, repairs, fanout.Counters, hints, antiEntropy, embedded, readiness, owned, stores.Credentials, authenticator);
        }
        catch
        {
            await DisposeAllAsync(owned);
            throw;
        }
    }

    public ValueTask DisposeAsync() => DisposeAllAsync(_owned);

    private static AntiEntropySettings AntiEntropySettingsOf(CoordinatorOptions options) => new(
        options.AntiEntropyInterval,
        options.AntiEntropyKeysPerSecond,
        options.AntiEntropyLeaves,
        options.AntiEntropyScanThreshold,
        MaxDepth: 4,
        RequestLimits.MaxTenantsPerRangeCall,
        options.StorageTombstoneGrace,
        options.ReplicaCallTimeout * 4,
        ParallelRepairs: 8,
        options.AntiEntropyRecheckInterval);

    private static async ValueTask DisposeAllAsync(List<IAsyncDisposable> owned)
    {
        for (var i = owned.Count - 1; i >= 0; i--)
        {
            await owned[i].DisposeAsync();
        }

        owned.Clear();
    }

    /// <summary>Puts any teardown step on the teardown list.</summary>
    private sealed class AsyncDisposer(Func<ValueTask> dispose) : IAsyncDisposable
    {
        public AsyncDisposer(Action dispose)
            : this(() =>
            {
                dispose();
                return ValueTask.CompletedTask;
            })
        {
        }

        public ValueTask DisposeAsync() => dispose();
    }
}
