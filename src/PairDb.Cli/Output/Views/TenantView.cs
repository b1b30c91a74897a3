namespace PairDb.Cli.Output.Views;

/// <summary>
/// A tenant: its replication factor, when it was created and last changed (Unix seconds), and its rate limits (null
/// where the answer carries none: `tenant create`).
/// </summary>
public sealed record TenantView(string TenantId, int ReplicationFactor, long CreatedAt, long UpdatedAt, TenantLimitsView? Limits);
