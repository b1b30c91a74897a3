namespace PairDb.Coordinator.Security;

/// <summary>A tenant credential as listed: its id, its tenant, when it was created and (once revoked) when it was revoked. Nothing here is secret.</summary>
public sealed record TenantToken(string TokenId, string TenantId, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt)
{
    /// <summary>The start of the token string, to tell tokens apart in lists and logs.</summary>
    public string Prefix => TokenSecrets.PrefixOf(TokenId);
}
