using System.Collections.Concurrent;
using PairDb.Actors.Ports;
using PairDb.Messages.Values;

namespace PairDb.Coordinator.Tenants;

/// <summary>
/// Tenants by id, cached per coordinator for <c>ttl</c> (misses for a shorter time), so the data path reads the
/// metadata store about once per tenant per TTL. Changes made through this coordinator update it at once.
/// </summary>
public sealed class TenantCache
{
    private readonly IMetadataStore _store;
    private readonly TimeProvider _time;
    private readonly TimeSpan _ttl;
    private readonly TimeSpan _missTtl;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _hits;
    private long _misses;

    public TenantCache(IMetadataStore store, TimeProvider time, TimeSpan ttl, TimeSpan missTtl)
    {
        _store = store;
        _time = time;
        _ttl = ttl;
        _missTtl = missTtl;
    }

    public long Hits => Interlocked.Read(ref _hits);

    public long Misses => Interlocked.Read(ref _misses);

    public async ValueTask<Tenant?> GetAsync(string tenantId, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (_entries.TryGetValue(tenantId, out var entry) && entry.ExpiresAt > now)
        {
            Interlocked.Increment(ref _hits);
            return entry.Tenant;
        }

        Interlocked.Increment(ref _misses);
        var tenant = await _store.GetTenantAsync(tenantId, cancellationToken);
        _entries[tenantId] = new Entry(tenant, now + (tenant is null ? _missTtl : _ttl));
        return tenant;
    }

    /// <summary>Records a tenant this coordinator just created or changed.</summary>
    public void Put(Tenant tenant)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        _entries[tenant.TenantId] = new Entry(tenant, _time.GetUtcNow() + _ttl);
    }

    /// <summary>Forgets a tenant so the next lookup reads the store (change notifications call this).</summary>
    public void Invalidate(string tenantId) => _entries.TryRemove(tenantId, out _);

    private sealed record Entry(Tenant? Tenant, DateTimeOffset ExpiresAt);
}
