namespace PairDb.Actors.Ports;

/// <summary>
/// Anti-entropy's record of one range: its replicas at the last attempt, when the last sync that found them in
/// agreement started (<paramref name="SyncedAt"/>, null before any did: every version written before it, less the
/// tombstone grace, is on every replica), when the range was last attempted, what that attempt read, repaired and
/// collected, and why it failed or was skipped (null when it synced).
/// </summary>
public sealed record RepairRangeRecord(
    RepairRangeKey Key,
    IReadOnlyList<string> Replicas,
    DateTimeOffset? SyncedAt,
    DateTimeOffset AttemptedAt,
    long KeysRead,
    long KeysRepaired,
    long TombstonesCollected,
    string? LastError);
