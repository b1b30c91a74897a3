using PairDb.Actors.Ports;

namespace PairDb.Actors.Tests.Domain.Support;

/// <summary>Storage nodes' database identities, with the same conditional changes as the real stores.</summary>
public sealed partial class FakeMetadataStore
{
    private readonly Dictionary<string, NodeIdentity> _identities = new(StringComparer.Ordinal);
    private TaskCompletionSource? _identityListingGate;
    private int _identityListings;

    /// <summary>Identity listings begun so far.</summary>
    public int IdentityListings => Volatile.Read(ref _identityListings);

    /// <summary>Holds the identity listings that begin from now on: each reads what is recorded at once but answers only when released, as a slow store would.</summary>
    public void HoldIdentityListings()
    {
        lock (_lock)
        {
            _identityListingGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>Answers the held identity listings; later ones are answered at once.</summary>
    public void ReleaseIdentityListings()
    {
        TaskCompletionSource? gate;
        lock (_lock)
        {
            gate = _identityListingGate;
            _identityListingGate = null;
        }

        gate?.TrySetResult();
    }

    /// <summary>The identity recorded for <paramref name="nodeId"/> (no incarnation, not rebuilding when none).</summary>
    public NodeIdentity IdentityOf(string nodeId)
    {
        lock (_lock)
        {
            return _identities.GetValueOrDefault(nodeId) ?? new NodeIdentity(nodeId, null, null);
        }
    }

    /// <summary>Records an identity directly, as another coordinator's change would.</summary>
    public void SetIdentity(NodeIdentity identity)
    {
        lock (_lock)
        {
            _identities[identity.NodeId] = identity;
        }
    }

    public async Task<IReadOnlyList<NodeIdentity>> ListNodeIdentitiesAsync(CancellationToken cancellationToken)
    {
        var identities = new List<NodeIdentity>(_nodes.Count);
        TaskCompletionSource? gate;
        lock (_lock)
        {
            foreach (var node in _nodes)
            {
                identities.Add(_identities.GetValueOrDefault(node.NodeId) ?? new NodeIdentity(node.NodeId, null, null));
            }

            gate = _identityListingGate;
            Interlocked.Increment(ref _identityListings);
        }

        if (gate is not null)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }

        return identities;
    }

    public Task<bool> ReplaceIncarnationAsync(
        string nodeId, string? expected, string incarnation, DateTimeOffset? rebuildingSince, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_nodes.Exists(node => node.NodeId == nodeId) || IdentityOf(nodeId).Incarnation != expected)
            {
                return Task.FromResult(false);
            }

            _identities[nodeId] = new NodeIdentity(nodeId, incarnation, rebuildingSince);
            return Task.FromResult(true);
        }
    }

    public Task<bool> ClearRebuildingAsync(string nodeId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var identity = IdentityOf(nodeId);
            if (identity.RebuildingSince != since)
            {
                return Task.FromResult(false);
            }

            _identities[nodeId] = identity with { RebuildingSince = null };
            return Task.FromResult(true);
        }
    }
}
