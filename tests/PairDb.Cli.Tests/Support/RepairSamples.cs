using PairDb.Protocol.Coordinator;

namespace PairDb.Cli.Tests.Support;

/// <summary>A canned GetRepairStatus answer: pass 12, one range synced, one failed, one never attempted.</summary>
public static class RepairSamples
{
    /// <summary>Start of the synced range, above 2^63, so a signed reading would show it negative.</summary>
    public const ulong HighStart = 0x8000_0000_0000_0001;

    public static GetRepairStatusResponse Status(bool withRanges) => new()
    {
        Success = true,
        Enabled = true,
        PassNumber = 12,
        PassStartedAt = Samples.CreatedAt + 600,
        RangesTotal = 3,
        RangesSynced = 1,
        RangesFailed = 1,
        KeysRepaired = 1234,
        LastFullPassStartedAt = Samples.CreatedAt,
        LastFullPassCompletedAt = Samples.CreatedAt + 300,
        AllSyncedSince = 0,
        Ranges =
        {
            withRanges ? Ranges() : [],
        },
    };

    private static RepairRangeInfo[] Ranges() =>
    [
        new RepairRangeInfo
        {
            ReplicationFactor = 3, Start = HighStart, End = ulong.MaxValue, Replicas = { "storage-1", "storage-2", "storage-3" },
            SyncedAt = Samples.CreatedAt + 660, AttemptedAt = Samples.CreatedAt + 660, KeysRead = 5000, KeysRepaired = 1234, TombstonesCollected = 17,
        },
        new RepairRangeInfo
        {
            ReplicationFactor = 3, Start = 0, End = 42, Replicas = { "storage-2", "storage-3", "storage-4" },
            SyncedAt = Samples.CreatedAt + 120, AttemptedAt = Samples.CreatedAt + 700, LastError = "storage-4 unavailable",
        },
        new RepairRangeInfo { ReplicationFactor = 2, Start = 42, End = HighStart, Replicas = { "storage-1", "storage-4" } },
    ];
}
