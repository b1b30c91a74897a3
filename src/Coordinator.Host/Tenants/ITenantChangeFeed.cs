namespace PairDb.Coordinator.Tenants;

/// <summary>
/// Tenant changes made by any coordinator (PostgreSQL LISTEN/NOTIFY) or by this process (embedded store), so
/// caches drop a tenant as soon as it changes instead of serving it until their TTL ends.
/// </summary>
public interface ITenantChangeFeed
{
    /// <summary>Calls <paramref name="onTenantChanged"/> with the id of each changed tenant until the result is disposed.</summary>
    IDisposable Subscribe(Action<string> onTenantChanged);
}
