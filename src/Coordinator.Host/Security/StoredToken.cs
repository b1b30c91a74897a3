namespace PairDb.Coordinator.Security;

/// <summary>A tenant credential as the metadata store keeps it: the listing fields and the salted SHA-256 of its secret (never the secret).</summary>
public sealed record StoredToken(TenantToken Token, byte[] Salt, byte[] SecretHash);
