namespace PairDb.Cli.Output.Views;

/// <summary>
/// One range of the anti-entropy plan: the ring arc (start, end] of one replication factor, its replicas, when it was
/// last found in agreement and last attempted (Unix seconds, 0 = never), what that attempt did, and why it failed.
/// </summary>
public sealed record RepairRangeView(
    int ReplicationFactor,
    ulong Start,
    ulong End,
    IReadOnlyList<string> Replicas,
    long SyncedAt,
    long AttemptedAt,
    long KeysRead,
    long KeysRepaired,
    long TombstonesCollected,
    string LastError);
