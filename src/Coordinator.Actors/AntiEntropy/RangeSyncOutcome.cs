namespace PairDb.Actors.AntiEntropy;

/// <summary>What syncing one range did: its status, keys read (digests and scans over all replicas), keys repaired, keys collected, and why it did not sync.</summary>
public sealed record RangeSyncOutcome(RangeSyncStatus Status, long KeysRead, long KeysRepaired, long TombstonesCollected, string? Error);
