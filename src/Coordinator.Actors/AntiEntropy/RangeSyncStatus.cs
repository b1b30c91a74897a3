namespace PairDb.Actors.AntiEntropy;

/// <summary>How syncing one range ended.</summary>
public enum RangeSyncStatus
{
    /// <summary>The replicas were compared, every difference repaired, and tombstones collected.</summary>
    Synced,

    /// <summary>Not compared: a replica was down or unknown.</summary>
    Skipped,

    /// <summary>A storage call failed; what was repaired stays repaired, nothing was collected.</summary>
    Failed,
}
