using PairDb.Actors.Ports;
using PairDb.Messages.Values;

namespace PairDb.Actors.Tests.Domain.Support;

/// <summary>In-memory metadata store; the ring specs change membership through it and can make a listing throw.</summary>
public sealed partial class FakeMetadataStore : IMetadataStore
{
    private readonly Lock _lock = new();
    private readonly List<StorageNode> _nodes = [];
    private readonly Dictionary<string, Tenant> _tenants = new(StringComparer.Ordinal);
    private int _throwsPending;

    public FakeMetadataStore(params StorageNode[] nodes)
    {
        _nodes.AddRange(nodes);
    }

    /// <summary>The next <paramref name="times"/> listings throw synchronously (not a faulted task).</summary>
    public void ThrowOnNextList(int times = 1)
    {
        lock (_lock)
        {
            _throwsPending = times;
        }
    }

    public Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task PingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<Tenant?> GetTenantAsync(string tenantId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_tenants.GetValueOrDefault(tenantId));
        }
    }

    public Task<IReadOnlyList<Tenant>> ListTenantsAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<Tenant>>([.. _tenants.Values]);
        }
    }

    public Task<Tenant?> CreateTenantAsync(string tenantId, int replicationFactor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_tenants.ContainsKey(tenantId))
            {
                return Task.FromResult<Tenant?>(null);
            }

            var tenant = new Tenant(tenantId, replicationFactor, now, now, 1);
            _tenants[tenantId] = tenant;
            return Task.FromResult<Tenant?>(tenant);
        }
    }

    public Task<ReplicationFactorUpdate> UpdateReplicationFactorAsync(
        string tenantId, int newReplicationFactor, long? expectedVersion, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_tenants.TryGetValue(tenantId, out var old))
            {
                return Task.FromResult<ReplicationFactorUpdate>(new ReplicationFactorUpdate.NotFound());
            }

            if (expectedVersion is { } expected && expected != old.Version)
            {
                return Task.FromResult<ReplicationFactorUpdate>(new ReplicationFactorUpdate.VersionConflict(old));
            }

            var updated = old with { ReplicationFactor = newReplicationFactor, UpdatedAt = now, Version = old.Version + 1 };
            _tenants[tenantId] = updated;
            return Task.FromResult<ReplicationFactorUpdate>(new ReplicationFactorUpdate.Updated(old, updated));
        }
    }

    public Task<IReadOnlyList<StorageNode>> ListStorageNodesAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_throwsPending > 0)
            {
                _throwsPending--;
                throw new InvalidOperationException("metadata store connection lost");
            }

            return Task.FromResult<IReadOnlyList<StorageNode>>([.. _nodes]);
        }
    }

    public Task<bool> AddStorageNodeAsync(StorageNode node, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_nodes.Exists(existing => existing.NodeId == node.NodeId))
            {
                return Task.FromResult(false);
            }

            _nodes.Add(node);
            return Task.FromResult(true);
        }
    }

    public Task<bool> UpdateStorageNodeAsync(StorageNode node, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var index = _nodes.FindIndex(existing => existing.NodeId == node.NodeId);
            if (index < 0)
            {
                return Task.FromResult(false);
            }

            _nodes[index] = node;
            return Task.FromResult(true);
        }
    }

    public Task<Tenant?> SetTenantRateLimitsAsync(string tenantId, TenantRateLimits? limits, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_tenants.TryGetValue(tenantId, out var old))
            {
                return Task.FromResult<Tenant?>(null);
            }

            var updated = old with { RateLimits = limits, UpdatedAt = now, Version = old.Version + 1 };
            _tenants[tenantId] = updated;
            return Task.FromResult<Tenant?>(updated);
        }
    }
}
