namespace PairDb.Coordinator.Tenants;

/// <summary>
/// Bounds of <see cref="TenantCache"/>: how long and how many known tenants it keeps, and, apart from them, how long
/// and how many unknown tenant ids ("no such tenant" answers) it keeps.
/// </summary>
public sealed record TenantCacheLimits(TimeSpan Ttl, int MaxEntries, TimeSpan MissTtl, int MaxMisses)
{
    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for a non-positive bound.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Ttl, TimeSpan.Zero, nameof(Ttl));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxEntries, 1, nameof(MaxEntries));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(MissTtl, TimeSpan.Zero, nameof(MissTtl));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxMisses, 1, nameof(MaxMisses));
    }
}
