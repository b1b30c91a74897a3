namespace PairDb.Cli.Output.Views;

/// <summary>A tenant: its replication factor and when it was created and last changed (Unix seconds).</summary>
public sealed record TenantView(string TenantId, int ReplicationFactor, long CreatedAt, long UpdatedAt);
