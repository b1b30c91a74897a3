namespace PairDb.Coordinator.Security;

/// <summary>
/// Tenant tokens (salted hashes only) and the audit records of admin calls, kept in the metadata store: embedded SQLite
/// or PostgreSQL, both passing the same contract tests. Every token created or revoked is announced on the store's
/// <see cref="ITokenChangeFeed"/> (PostgreSQL: NOTIFY to every coordinator), so token caches drop it at once.
/// </summary>
public interface ICredentialStore
{
    /// <summary>Stores a new token unless its tenant is unknown or already has <paramref name="maxActivePerTenant"/> active tokens.</summary>
    Task<TokenCreation> CreateTokenAsync(StoredToken token, int maxActivePerTenant, CancellationToken cancellationToken);

    /// <summary>The token with this id, revoked or not; null when there is none.</summary>
    Task<StoredToken?> GetTokenAsync(string tokenId, CancellationToken cancellationToken);

    /// <summary>The newest <paramref name="limit"/> tokens of a tenant, newest first (revoked ones included).</summary>
    Task<IReadOnlyList<TenantToken>> ListTokensAsync(string tenantId, int limit, CancellationToken cancellationToken);

    /// <summary>Marks the token revoked at <paramref name="now"/> (a revoked one keeps its first time); null when there is none.</summary>
    Task<TenantToken?> RevokeTokenAsync(string tokenId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Appends an audit record and forgets the oldest ones beyond the newest <paramref name="maxRecords"/>; returns the id
    /// the store gave it.
    /// </summary>
    Task<long> AppendAuditAsync(AuditRecord record, int maxRecords, CancellationToken cancellationToken);

    /// <summary>The newest <paramref name="limit"/> audit records with an id below <paramref name="beforeId"/> (all when null), newest first.</summary>
    Task<IReadOnlyList<AuditRecord>> ListAuditAsync(long? beforeId, int limit, CancellationToken cancellationToken);
}
