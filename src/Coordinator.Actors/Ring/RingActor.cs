using Akka.Actor;
using PairDb.Actors.Support;
using Akka.Cluster.Tools.PublishSubscribe;
using PairDb.Actors.Ports;
using PairDb.Messages.Protocols;
using PairDb.Messages.Values;

namespace PairDb.Actors.Ring;

/// <summary>
/// Owns storage membership: loads it and the replication factors being changed from the metadata store (at start,
/// periodically and on request), probes every node's health through a failure detector, and publishes an
/// immutable <see cref="RingSnapshot"/> to the shared <see cref="RingView"/> whenever any of that changes. A reload asked
/// for (<see cref="RefreshMembership"/>: this coordinator changed membership or a factor) is announced to every
/// coordinator's ring actor through the cluster's pub-sub (<see cref="RingChanged"/>), which reload at once; the
/// periodic reload stays as the safety net. Probes also read each node's database incarnation: a changed one marks the
/// node rebuilding (RingActor.Identities.cs).
/// </summary>
public sealed partial class RingActor : UntypedActor, IWithTimers
{
    private readonly IMetadataStore _metadata;
    private readonly IReplicaClient _replicas;
    private readonly RingView _view;
    private readonly RingSettings _settings;
    private readonly FailureDetector _detector;
    private readonly IActorRef? _changes;
    private readonly List<IActorRef> _refreshWaiters = [];
    private readonly Action<RebuildDetected>? _rebuildDetected;
    private IReadOnlyList<StorageNode> _nodes = [];
    private IReadOnlyDictionary<string, int> _pendingFactors = new Dictionary<string, int>(StringComparer.Ordinal);
    private bool _loading;

    /// <summary>Counts this actor's own changes of the identities (an incarnation stored, a mark cleared).</summary>
    private long _identityEdits;

    /// <summary>The count of identity changes when the load in flight began.</summary>
    private long _identityEditsAtLoad;
    private bool _probing;
    private long _version;

    /// <summary>Set by Akka before PreStart.</summary>
    public ITimerScheduler Timers { get; set; } = null!;

    private RingActor(IMetadataStore metadata, IReplicaClient replicas, RingView view, RingSettings settings, IActorRef? changes, Action<RebuildDetected>? rebuildDetected)
    {
        _changes = changes;
        _rebuildDetected = rebuildDetected;
        _metadata = metadata;
        _replicas = replicas;
        _view = view;
        _settings = settings;
        _detector = new FailureDetector(settings.FailureThreshold);
    }

    /// <summary>
    /// Ring changes are announced through <paramref name="changes"/>, the cluster's pub-sub mediator (null: not
    /// announced); <paramref name="rebuildDetected"/> hears of each node this coordinator marked rebuilding (logging).
    /// </summary>
    public static Props Props(
        IMetadataStore metadata, IReplicaClient replicas, RingView view, RingSettings settings, IActorRef? changes = null, Action<RebuildDetected>? rebuildDetected = null) =>
        ActorProps.Of(() => new RingActor(metadata, replicas, view, settings, changes, rebuildDetected));

    protected override void PreStart()
    {
        _version = _view.Current.Version;
        Timers.StartPeriodicTimer("probe", new ProbeTick(), _settings.ProbeInterval);
        Timers.StartPeriodicTimer("reload", new ReloadTick(), _settings.ReloadInterval);
        _changes?.Tell(new Subscribe(RingChanged.Topic, Self));
        Load();
    }

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case RefreshMembership:
                _refreshWaiters.Add(Sender);
                Load();
                break;
            case ReloadTick:
                Load();
                break;
            case RingChanged when !Sender.Equals(Self):
                Load();
                break;
            case RingChanged or SubscribeAck:
                break;
            case MembershipLoaded loaded:
                OnLoaded(loaded);
                break;
            case ProbeTick:
                Probe();
                break;
            case ProbesCompleted probes:
                OnProbed(probes);
                break;
            case IncarnationStored stored:
                OnIncarnationStored(stored);
                break;
            case NodeRefilled refilled:
                ClearRebuilding(refilled);
                break;
            case RefillStored refill:
                OnRefillStored(refill);
                break;
            default:
                throw new InvalidOperationException($"Ring actor got an unexpected {message.GetType().Name}.");
        }
    }

    private void Load()
    {
        if (_loading)
        {
            return;
        }

        _loading = true;
        _identityEditsAtLoad = _identityEdits;
        Context.PipeToSelf(
            LoadAsync(),
            static loaded => loaded,
            static error => new MembershipLoaded(null, null, null, error.Message));
    }

    private void OnLoaded(MembershipLoaded loaded)
    {
        _loading = false;

        // Identities read before this actor changed one may predate the change (a mark just recorded would vanish):
        // they are not kept, and are read again below.
        var staleIdentities = _identityEditsAtLoad != _identityEdits;
        var rebuildingChanged = !staleIdentities && loaded.Identities is not null && KeepIdentities(loaded.Identities);
        if (loaded.Nodes is not null && loaded.PendingFactors is not null
            && (!SameMembership(loaded.Nodes) || !SameFactors(loaded.PendingFactors) || rebuildingChanged))
        {
            _nodes = loaded.Nodes;
            _pendingFactors = loaded.PendingFactors;
            var ids = new HashSet<string>(StringComparer.Ordinal);
            foreach (var node in _nodes)
            {
                ids.Add(node.NodeId);
            }

            _detector.Retain(ids);
            Publish();
        }

        if (_refreshWaiters.Count > 0)
        {
            Announce();
        }

        foreach (var waiter in _refreshWaiters)
        {
            waiter.Tell(_view.Current, Self);
        }

        _refreshWaiters.Clear();
        if (staleIdentities)
        {
            Load();
        }
    }

    private void Probe()
    {
        if (_probing || _nodes.Count == 0)
        {
            return;
        }

        _probing = true;
        var probes = new List<Task<(string, bool, string, string)>>(_nodes.Count);
        foreach (var node in _nodes)
        {
            if (node.Status != StorageNodeStatus.Removed)
            {
                probes.Add(ProbeOneAsync(node));
            }
        }

        Context.PipeToSelf(
            Task.WhenAll(probes),
            static results => new ProbesCompleted(results),
            static _ => new ProbesCompleted([]));
    }

    /// <summary>Nodes, their database identities, and the target factor of every replication-factor change that is still streaming.</summary>
    private async Task<MembershipLoaded> LoadAsync()
    {
        var nodes = await _metadata.ListStorageNodesAsync(CancellationToken.None);
        var identities = await _metadata.ListNodeIdentitiesAsync(CancellationToken.None);
        var factors = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var migration in await _metadata.ListMigrationsAsync(activeOnly: true, CancellationToken.None))
        {
            if (migration.Type == MigrationType.ReplicationFactor && migration.Phase is MigrationPhase.Settling or MigrationPhase.Streaming or MigrationPhase.Switching)
            {
                factors[migration.TenantId] = migration.ReplicationFactor;
            }
        }

        return new MembershipLoaded(nodes, identities, factors, null);
    }

    private async Task<(string, bool, string, string)> ProbeOneAsync(StorageNode node)
    {
        var health = await _replicas.CheckHealthAsync(node, _settings.ProbeTimeout, CancellationToken.None);
        return (node.NodeId, health.Reachable && health.Healthy, health.Detail, health.Incarnation);
    }

    private void OnProbed(ProbesCompleted probes)
    {
        _probing = false;
        var changed = false;
        foreach (var (nodeId, healthy, detail, incarnation) in probes.Results)
        {
            changed |= _detector.Record(nodeId, healthy, detail);
            CheckIncarnation(nodeId, incarnation);
        }

        if (changed)
        {
            Publish();
        }
    }

    private void Publish() =>
        _view.Publish(new RingSnapshot(_nodes, _detector.DownNodes(), ++_version, _pendingFactors, _detector.DownReasons(), RebuildingMarks()));

    /// <summary>Tells every other coordinator's ring actor to reload now.</summary>
    private void Announce() => _changes?.Tell(new Publish(RingChanged.Topic, RingChanged.Instance), Self);

    private bool SameFactors(IReadOnlyDictionary<string, int> factors)
    {
        if (factors.Count != _pendingFactors.Count)
        {
            return false;
        }

        foreach (var (tenant, factor) in factors)
        {
            if (!_pendingFactors.TryGetValue(tenant, out var known) || known != factor)
            {
                return false;
            }
        }

        return true;
    }

    private bool SameMembership(IReadOnlyList<StorageNode> nodes)
    {
        if (nodes.Count != _nodes.Count)
        {
            return false;
        }

        for (var i = 0; i < nodes.Count; i++)
        {
            if (!nodes[i].Equals(_nodes[i]))
            {
                return false;
            }
        }

        return true;
    }
}
