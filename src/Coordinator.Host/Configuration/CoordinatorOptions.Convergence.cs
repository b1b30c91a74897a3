namespace PairDb.Coordinator.Configuration;

/// <summary>Settings of convergence without reads: hinted handoff and anti-entropy (docs/convergence.md).</summary>
public sealed partial record CoordinatorOptions
{
    /// <summary>hints.enabled / HINTS_ENABLED: whether writes a replica did not acknowledge leave hints (hinted handoff).</summary>
    public bool HintsEnabled { get; init; } = true;

    /// <summary>
    /// hints.window / HINT_WINDOW: a storage node the failure detector holds down longer than this gets no new hints,
    /// and a hint older than this expires unreplayed (Cassandra's max_hint_window).
    /// </summary>
    public TimeSpan HintWindow { get; init; } = TimeSpan.FromHours(3);

    /// <summary>hints.max_bytes / HINT_MAX_BYTES: bytes all pending hints of this coordinator may hold; a hint past it is dropped (and counted).</summary>
    public int HintMaxBytes { get; init; } = 256 * 1024 * 1024;

    /// <summary>hints.replay_rate / HINT_REPLAY_RATE: hints a second this coordinator replays to returning nodes, over all of them.</summary>
    public int HintReplayRate { get; init; } = 1000;

    /// <summary>anti_entropy.enabled / ANTI_ENTROPY_ENABLED: whether the cluster's anti-entropy scheduler runs (tombstones are collected only by it).</summary>
    public bool AntiEntropyEnabled { get; init; } = true;

    /// <summary>anti_entropy.interval / ANTI_ENTROPY_INTERVAL: time between the starts of two passes over the whole ring.</summary>
    public TimeSpan AntiEntropyInterval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>anti_entropy.keys_per_second / ANTI_ENTROPY_KEYS_PER_SECOND: the read budget (keys digested or scanned, summed over replicas).</summary>
    public int AntiEntropyKeysPerSecond { get; init; } = 20_000;

    /// <summary>anti_entropy.leaves / ANTI_ENTROPY_LEAVES: leaves per digest call, the fan-out of the hash tree.</summary>
    public int AntiEntropyLeaves { get; init; } = 64;

    /// <summary>anti_entropy.scan_threshold / ANTI_ENTROPY_SCAN_THRESHOLD: keys up to which a differing leaf is scanned rather than cut again.</summary>
    public int AntiEntropyScanThreshold { get; init; } = 256;

    /// <summary>anti_entropy.recheck_interval_ms / ANTI_ENTROPY_RECHECK_INTERVAL_MS: how often an idle scheduler looks for due ranges.</summary>
    public TimeSpan AntiEntropyRecheckInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest storage.tombstone_grace accepted (ten years; the scheduler subtracts it from a clock reading).</summary>
    public static readonly TimeSpan MaxTombstoneGrace = TimeSpan.FromDays(3650);

    /// <summary>The longest anti_entropy.interval accepted (a year; the scheduler adds it to a clock reading).</summary>
    public static readonly TimeSpan MaxAntiEntropyInterval = TimeSpan.FromDays(365);

    /// <summary>
    /// The settings as they are plus a warning for each convergence setting that risks bringing deleted keys back: a
    /// tombstone grace not above the longest deadline a write may have (a write still in flight may then land after
    /// its key's tombstone was collected), and, with hints on, a hint window not below the grace (a hint made before a
    /// delete may then be replayed after the tombstone was collected). Short values are legitimate in tests and small
    /// setups, so they are warned about at start, not refused.
    /// </summary>
    public CoordinatorOptions WithConvergenceWarnings()
    {
        var warnings = new List<string>(ConfigurationWarnings);
        if (StorageTombstoneGrace <= MaxDeadline)
        {
            warnings.Add($"storage.tombstone_grace ({StorageTombstoneGrace}) is not above requests.max_deadline_ms ({MaxDeadline}): "
                + "a write still in flight may land after its key's tombstone was collected and bring the key back.");
        }

        if (HintsEnabled && HintWindow >= StorageTombstoneGrace)
        {
            warnings.Add($"hints.window ({HintWindow}) is not below storage.tombstone_grace ({StorageTombstoneGrace}): "
                + "a hint made before a delete may be replayed after the tombstone was collected and bring the key back.");
        }

        return warnings.Count == ConfigurationWarnings.Count ? this : this with { ConfigurationWarnings = warnings };
    }

    private void ValidateConvergence()
    {
        if (StorageTombstoneGrace > MaxTombstoneGrace)
        {
            throw new CoordinatorConfigurationException(
                "storage.tombstone_grace", StorageTombstoneGrace.ToString(),
                $"Invalid setting storage.tombstone_grace (STORAGE_TOMBSTONE_GRACE): at most {MaxTombstoneGrace.TotalDays:0} days, got '{StorageTombstoneGrace}'.");
        }

        if (AntiEntropyInterval > MaxAntiEntropyInterval)
        {
            throw new CoordinatorConfigurationException(
                "anti_entropy.interval", AntiEntropyInterval.ToString(),
                $"Invalid setting anti_entropy.interval (ANTI_ENTROPY_INTERVAL): at most {MaxAntiEntropyInterval.TotalDays:0} days, got '{AntiEntropyInterval}'.");
        }
    }
}
