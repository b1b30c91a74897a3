using PairDb.Actors.Cores;
using PairDb.Actors.Ports;
using PairDb.Actors.Support;
using PairDb.Messages.Values;

namespace PairDb.Actors.Ring;

/// <summary>
/// The ring actor's part in rebuilding a node that lost its data: every probe's incarnation goes through
/// <see cref="IncarnationRule"/>; a change is a conditional update of the metadata store, so when several coordinators
/// see the same wiped node exactly one records it and the others, losing, reload and see that one. The winner publishes
/// the new snapshot and announces the change; <see cref="NodeRefilled"/> clears the mark the same way.
/// </summary>
public sealed partial class RingActor
{
    private readonly Dictionary<string, NodeIdentity> _identities = new(StringComparer.Ordinal);

    /// <summary>Nodes with a conditional incarnation change in flight: their probes wait for its outcome.</summary>
    private readonly HashSet<string> _identityChanges = new(StringComparer.Ordinal);

    /// <summary>Keeps the identities loaded from the store; true when the rebuilding marks differ from the ones held.</summary>
    private bool KeepIdentities(IReadOnlyList<NodeIdentity> identities)
    {
        var before = RebuildingMarks();
        _identities.Clear();
        foreach (var identity in identities)
        {
            _identities[identity.NodeId] = identity;
        }

        var after = RebuildingMarks();
        if (before.Count != after.Count)
        {
            return true;
        }

        foreach (var (nodeId, since) in after)
        {
            if (!before.TryGetValue(nodeId, out var known) || known != since)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The rebuilding marks of the ring's members: a removed node, or one no longer in the ring, has none (it owns no
    /// range, so no pass could ever clear its mark, and it would hold the rebuilding gauge up for ever).
    /// </summary>
    private Dictionary<string, DateTimeOffset> RebuildingMarks()
    {
        var marks = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var (nodeId, identity) in _identities)
        {
            if (identity.RebuildingSince is { } since && IsMember(nodeId))
            {
                marks[nodeId] = since;
            }
        }

        return marks;
    }

    private bool IsMember(string nodeId)
    {
        foreach (var node in _nodes)
        {
            if (string.Equals(node.NodeId, nodeId, StringComparison.Ordinal))
            {
                return node.Status != StorageNodeStatus.Removed;
            }
        }

        return false;
    }

    private void CheckIncarnation(string nodeId, string reported)
    {
        if (_identityChanges.Contains(nodeId))
        {
            return;
        }

        var recorded = _identities.GetValueOrDefault(nodeId)?.Incarnation;
        var change = IncarnationRule.Decide(recorded, reported);
        if (change == IncarnationChange.None)
        {
            return;
        }

        DateTimeOffset? since = change == IncarnationChange.Rebuild ? IncarnationRule.RebuildingMark(Context.System.Scheduler.Now) : null;
        _identityChanges.Add(nodeId);
        Context.PipeToSelf(
            _metadata.ReplaceIncarnationAsync(nodeId, recorded, reported, since, CancellationToken.None),
            won => new IncarnationStored(nodeId, recorded, reported, since, won),
            _ => new IncarnationStored(nodeId, recorded, reported, since, Won: false));
    }

    private void OnIncarnationStored(IncarnationStored stored)
    {
        _identityChanges.Remove(stored.NodeId);
        if (!stored.Won)
        {
            // Another coordinator changed it first (or the store failed): reload to see what is recorded now.
            Load();
            return;
        }

        _identities[stored.NodeId] = new NodeIdentity(stored.NodeId, stored.New, stored.RebuildingSince);
        _identityEdits++;
        if (stored.Old is not null && stored.RebuildingSince is { } since)
        {
            _rebuildDetected?.Invoke(new RebuildDetected(stored.NodeId, stored.Old, stored.New, since));
            Publish();
            Announce();
        }
    }

    private void ClearRebuilding(NodeRefilled refilled)
    {
        var replyTo = Sender;
        Context.PipeToSelf(
            _metadata.ClearRebuildingAsync(refilled.NodeId, refilled.RebuildingSince, CancellationToken.None),
            cleared => new RefillStored(refilled.NodeId, cleared, replyTo),
            _ => new RefillStored(refilled.NodeId, Cleared: false, replyTo));
    }

    private void OnRefillStored(RefillStored refill)
    {
        if (refill.Cleared)
        {
            if (_identities.TryGetValue(refill.NodeId, out var identity))
            {
                _identities[refill.NodeId] = identity with { RebuildingSince = null };
            }

            _identityEdits++;

            Publish();
            Announce();
        }

        refill.ReplyTo.Tell(_view.Current, Self);
    }
}
