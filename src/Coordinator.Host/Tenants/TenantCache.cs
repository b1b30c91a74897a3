using PairDb.Actors.Ports;
using PairDb.Actors.Support;
using PairDb.Messages.Values;

namespace PairDb.Coordinator.Tenants;

/// <summary>
/// Tenants by id, cached per coordinator so the data path reads the metadata store about once per tenant per TTL.
/// Known tenants and unknown ids ("no such tenant") are kept apart, each bounded in count (least recently used
/// forgotten first) and in age, so a client sending random tenant ids can neither grow memory nor push the real
/// tenants out. Changes made through this coordinator, and change notifications, update it at once.
/// </summary>
public sealed class TenantCache
{
    private readonly Func<string, CancellationToken, Task<Tenant?>> _readTenant;
    private readonly TimeProvider _time;
    private readonly long _ttl;
    private readonly long _missTtl;
    private readonly LruSegment<Tenant> _known;
    private readonly LruSegment<bool> _unknown;
    private long _generation;
    private long _hits;
    private long _misses;

    /// <param name="readTenant">Reads a tenant from the metadata store (<see cref="IMetadataStore.GetTenantAsync"/>); null when there is none.</param>
    /// <param name="time">The clock of the expiries.</param>
    /// <param name="limits">Counts and ages kept.</param>
    public TenantCache(Func<string, CancellationToken, Task<Tenant?>> readTenant, TimeProvider time, TenantCacheLimits limits)
    {
        ArgumentNullException.ThrowIfNull(readTenant);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(limits);
        limits.Validate();
        _readTenant = readTenant;
        _time = time;
        _ttl = Timestamps(limits.Ttl);
        _missTtl = Timestamps(limits.MissTtl);
        _known = new LruSegment<Tenant>(limits.MaxEntries);
        _unknown = new LruSegment<bool>(limits.MaxMisses);
    }

    public long Hits => Interlocked.Read(ref _hits);

    public long Misses => Interlocked.Read(ref _misses);

    /// <summary>Known tenants cached now.</summary>
    public int Count => _known.Count;

    /// <summary>Unknown tenant ids cached now.</summary>
    public int UnknownCount => _unknown.Count;

    public async ValueTask<Tenant?> GetAsync(string tenantId, CancellationToken cancellationToken)
    {
        var now = _time.GetTimestamp();
        if (_known.TryGet(tenantId, now, out var cached))
        {
            Interlocked.Increment(ref _hits);
            return cached;
        }

        if (_unknown.TryGet(tenantId, now, out _))
        {
            Interlocked.Increment(ref _hits);
            return null;
        }

        Interlocked.Increment(ref _misses);

        // A change seen while the store was being read may be newer than what the read returns: then the answer is
        // passed on but not cached, so the next lookup reads again.
        var generation = Volatile.Read(ref _generation);
        var tenant = await _readTenant(tenantId, cancellationToken);
        if (Volatile.Read(ref _generation) == generation)
        {
            Remember(tenantId, tenant, _time.GetTimestamp());
        }

        return tenant;
    }

    /// <summary>Records a tenant this coordinator just created or changed.</summary>
    public void Put(Tenant tenant)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        Interlocked.Increment(ref _generation);
        Remember(tenant.TenantId, tenant, _time.GetTimestamp());
    }

    /// <summary>Forgets a tenant so the next lookup reads the store (change notifications call this).</summary>
    public void Invalidate(string tenantId)
    {
        Interlocked.Increment(ref _generation);
        _known.Remove(tenantId);
        _unknown.Remove(tenantId);
    }

    /// <summary>Known tenant ids from most to least recently used.</summary>
    public IReadOnlyList<string> KnownByRecency() => _known.KeysByRecency();

    private void Remember(string tenantId, Tenant? tenant, long now)
    {
        if (tenant is null)
        {
            _known.Remove(tenantId);
            _unknown.Set(tenantId, true, now + _missTtl);
        }
        else
        {
            _unknown.Remove(tenantId);
            _known.Set(tenantId, tenant, now + _ttl);
        }
    }

    private long Timestamps(TimeSpan duration) => (long)Math.Ceiling(duration.TotalSeconds * _time.TimestampFrequency);
}
