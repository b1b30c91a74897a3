namespace PairDb.Cli.Output.Views;

/// <summary>`ring show`: ownership per node for a replication factor (a tenant's, or 1).</summary>
public sealed record RingView(string? TenantId, int ReplicationFactor, long RingVersion, IReadOnlyList<RingNodeView> Nodes);
