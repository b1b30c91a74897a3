namespace PairDb.Cli.Output.Views;

/// <summary>`kv put` / `kv delete`: the acknowledged write (a delete writes a tombstone).</summary>
public sealed record KvMutationView(
    string Operation,
    string TenantId,
    string Key,
    string IdempotencyKey,
    bool IsDuplicate,
    int ReplicaCount,
    string Consistency,
    IReadOnlyList<ClockEntryView> VectorClock);
