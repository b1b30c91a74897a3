using Akka.Actor;
using Akka.Event;
using PairDb.Actors.Cores;
using PairDb.Actors.Ports;
using PairDb.Actors.Ring;
using PairDb.Actors.Support;
using PairDb.Messages.Values;

namespace PairDb.Actors.Hints;

/// <summary>
/// Hinted handoff on this coordinator, a thin shell over <see cref="HintLedger"/> (bounds) and <see cref="HintThrottle"/>
/// (replay rate): takes <see cref="StoreHint"/>s from write aggregators, group-commits them to the durable
/// <see cref="IHintStore"/>, and on each tick expires hints past the window, drops those of nodes that left the ring,
/// and replays to every node with hints that the failure detector holds up: reads a throttled batch, sends each hint
/// through the storage Repair call (merge by clock, so a replay is always safe), and deletes what the node
/// acknowledged. Store operations of one kind never overlap: one append, one expiry, one replay per node at a time.
/// Hints still buffered when the actor stops are written before it is gone.
/// </summary>
public sealed class HintedHandoffActor : UntypedActor, IWithTimers, IWithUnboundedStash
{
    private readonly IHintStore _store;
    private readonly IReplicaClient _replicas;
    private readonly Func<RingSnapshot> _ring;
    private readonly HintSettings _settings;
    private readonly HintCounters _counters;
    private readonly HintLedger _ledger;
    private readonly HintThrottle _throttle;
    private readonly List<Hint> _buffer = [];
    private readonly HashSet<string> _busy = new(StringComparer.Ordinal);
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private bool _appending;
    private bool _expiring;

    private HintedHandoffActor(IHintStore store, IReplicaClient replicas, Func<RingSnapshot> ring, HintSettings settings, HintCounters counters)
    {
        _store = store;
        _replicas = replicas;
        _ring = ring;
        _settings = settings;
        _counters = counters;
        _ledger = new HintLedger(settings.Window, settings.MaxBytes);
        _throttle = new HintThrottle(settings.ReplayRate);
    }

    /// <summary>Set by Akka before PreStart.</summary>
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Set by Akka before PreStart.</summary>
    public IStash Stash { get; set; } = null!;

    /// <summary><paramref name="ring"/> is the current ring snapshot (the ring view's), read at each tick.</summary>
    public static Props Props(IHintStore store, IReplicaClient replicas, Func<RingSnapshot> ring, HintSettings settings, HintCounters counters) =>
        ActorProps.Of(() => new HintedHandoffActor(store, replicas, ring, settings, counters));

    /// <summary>Loading: what the store holds is counted before any new hint, so nothing is counted twice.</summary>
    protected override void PreStart() =>
        Context.PipeToSelf(_store.PendingAsync(CancellationToken.None), static pending => new PendingLoaded(pending, null), static error => new PendingLoaded(null, error.Message));

    protected override void OnReceive(object message)
    {
        if (message is not PendingLoaded loaded)
        {
            Stash.Stash();
            return;
        }

        if (loaded.Pending is null)
        {
            // Without the counts the bounds cannot be kept: fail, and the supervisor's restart reads them again.
            throw new InvalidOperationException("Reading the pending hints failed: " + loaded.Error);
        }

        _ledger.Load(loaded.Pending);
        _counters.Publish(_ledger.Pending());
        Timers.StartPeriodicTimer("tick", new HintTick(), _settings.TickInterval);
        Become(Running);
        Stash.UnstashAll();
    }

    private void Running(object message)
    {
        switch (message)
        {
            case StoreHint hint:
                Admit(hint);
                break;
            case HintsAppended appended:
                OnAppended(appended);
                break;
            case HintTick:
                Tick();
                break;
            case ReplayLoaded loaded:
                Replay(loaded);
                break;
            case ReplayAnswered answered:
                OnAnswered(answered);
                break;
            case HintsRemoved removed:
                OnRemoved(removed);
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    private void Admit(StoreHint hint)
    {
        var now = Context.UtcNow();
        var bytes = HintLedger.SizeOf(hint.TenantId, hint.Key, hint.Version);
        if (_ledger.Admit(hint.TargetNodeId, bytes, now) != HintAdmission.Stored)
        {
            _counters.CountDropped(1);
            return;
        }

        _buffer.Add(new Hint(hint.TargetNodeId, hint.TenantId, hint.Key, hint.Version, now, bytes));
        Append();
    }

    /// <summary>
    /// Hints that arrived while the last append ran would go with the actor (the coordinator is stopping): they are
    /// written here, synchronously, waiting at most the replay timeout; the store finishes its running append first.
    /// </summary>
    protected override void PostStop()
    {
        if (_buffer.Count == 0)
        {
            return;
        }

        var batch = _buffer.ToArray();
        _buffer.Clear();
        try
        {
            if (_store.AppendAsync(batch, CancellationToken.None).Wait(_settings.ReplayTimeout))
            {
                _counters.CountStored(batch.Length);
                return;
            }
        }
        catch (AggregateException ex)
        {
            _log.Warning("Writing the last {0} hints at stop failed; they are dropped: {1}", batch.Length, ex.InnerException?.Message);
            _counters.CountDropped(batch.Length);
            return;
        }

        _log.Warning("Writing the last {0} hints at stop took longer than {1}; they may be lost.", batch.Length, _settings.ReplayTimeout);
    }

    /// <summary>Group commit: what arrived while an append ran goes out in the next one.</summary>
    private void Append()
    {
        if (_appending || _buffer.Count == 0)
        {
            return;
        }

        _appending = true;
        var batch = _buffer.ToArray();
        _buffer.Clear();
        Context.PipeToSelf(_store.AppendAsync(batch, CancellationToken.None), _ => new HintsAppended(batch, null), error => new HintsAppended(batch, error.Message));
    }

    private void OnAppended(HintsAppended appended)
    {
        _appending = false;
        if (appended.Error is null)
        {
            _counters.CountStored(appended.Batch.Count);
        }
        else
        {
            _log.Warning("Writing {0} hints failed; they are dropped: {1}", appended.Batch.Count, appended.Error);
            foreach (var hint in appended.Batch)
            {
                _ledger.Remove(new PendingHints(hint.TargetNodeId, 1, hint.Bytes));
            }

            _counters.CountDropped(appended.Batch.Count);
            _counters.Publish(_ledger.Pending());
        }

        Append();
    }

    private void Tick()
    {
        var now = Context.UtcNow();
        var ring = _ring();
        _ledger.ObserveDown(ring.Down, now);
        if (!_expiring)
        {
            _expiring = true;
            Context.PipeToSelf(
                _store.ExpireAsync(_ledger.ExpiryCutoff(now), CancellationToken.None),
                static removed => new HintsRemoved(HintRemoval.Expired, removed, null, null),
                static error => new HintsRemoved(HintRemoval.Expired, [], null, error.Message));
        }

        foreach (var pending in _ledger.Pending())
        {
            var nodeId = pending.NodeId;
            if (_busy.Contains(nodeId))
            {
                continue;
            }

            var node = ring.Find(nodeId);
            if (ring.Nodes.Count > 0 && node is null or { Status: StorageNodeStatus.Removed })
            {
                _busy.Add(nodeId);
                Context.PipeToSelf(
                    _store.DropNodeAsync(nodeId, CancellationToken.None),
                    removed => new HintsRemoved(HintRemoval.Dropped, [removed], nodeId, null),
                    error => new HintsRemoved(HintRemoval.Dropped, [], nodeId, error.Message));
            }
            else if (node is not null && !ring.IsDown(nodeId))
            {
                var granted = _throttle.Take(now, (int)Math.Min(pending.Count, _settings.ReplayRate));
                if (granted > 0)
                {
                    _busy.Add(nodeId);
                    Context.PipeToSelf(
                        _store.ListAsync(nodeId, granted, CancellationToken.None),
                        hints => new ReplayLoaded(node, hints),
                        _ => new ReplayLoaded(node, []));
                }
            }
        }
    }

    private void Replay(ReplayLoaded loaded)
    {
        var node = loaded.Node;
        if (loaded.Hints.Count == 0)
        {
            _busy.Remove(node.NodeId);
            return;
        }

        var hints = loaded.Hints;
        var calls = new Task<ReplicaWriteResult>[hints.Count];
        for (var i = 0; i < hints.Count; i++)
        {
            var hint = hints[i].Hint;
            calls[i] = _replicas.RepairAsync(node, hint.TenantId, hint.Key, [hint.Version], _settings.ReplayTimeout, CancellationToken.None);
        }

        Context.PipeToSelf(
            Task.WhenAll(calls),
            results => Answered(node.NodeId, hints, results),
            _ => new ReplayAnswered(node.NodeId, [], AnyFailed: true));
    }

    private static ReplayAnswered Answered(string nodeId, IReadOnlyList<StoredHint> hints, ReplicaWriteResult[] results)
    {
        var delivered = new List<long>(hints.Count);
        for (var i = 0; i < results.Length; i++)
        {
            if (results[i].Ok)
            {
                delivered.Add(hints[i].Id);
            }
        }

        return new ReplayAnswered(nodeId, delivered, delivered.Count < results.Length);
    }

    private void OnAnswered(ReplayAnswered answered)
    {
        var nodeId = answered.NodeId;
        if (answered.Delivered.Count == 0)
        {
            _busy.Remove(nodeId);
            return;
        }

        Context.PipeToSelf(
            _store.DeleteAsync(nodeId, answered.Delivered, CancellationToken.None),
            removed => new HintsRemoved(HintRemoval.Delivered, [removed], nodeId, null),
            error => new HintsRemoved(HintRemoval.Delivered, [], nodeId, error.Message));
    }

    private void OnRemoved(HintsRemoved removed)
    {
        if (removed.NodeId is null)
        {
            _expiring = false;
        }
        else
        {
            _busy.Remove(removed.NodeId);
        }

        if (removed.Error is not null)
        {
            _log.Warning("Removing {0} hints failed: {1}", removed.Why, removed.Error);
        }

        foreach (var node in removed.Removed)
        {
            _ledger.Remove(node);
            switch (removed.Why)
            {
                case HintRemoval.Expired:
                    _counters.CountExpired(node.Count);
                    break;
                case HintRemoval.Delivered:
                    _counters.CountReplayed(node.Count);
                    break;
                default:
                    _counters.CountDropped(node.Count);
                    break;
            }
        }

        _counters.Publish(_ledger.Pending());
    }
}
