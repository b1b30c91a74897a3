namespace PairDb.Actors.AntiEntropy;

/// <summary>
/// Anti-entropy's bounds and pace.
/// </summary>
/// <param name="Interval">Time between the starts of two passes over the whole ring.</param>
/// <param name="KeysPerSecond">The read budget: after each range the scheduler waits as long as reading its keys (digests and scans, summed over replicas) takes at this rate.</param>
/// <param name="Leaves">Leaves per DigestRange call (the fan-out of the hash tree).</param>
/// <param name="ScanThreshold">A differing leaf holding at most this many keys on every replica is scanned and reconciled; a larger one is digested again, cut into leaves.</param>
/// <param name="MaxDepth">Digest levels at most; a differing leaf at the last level is scanned whatever its size.</param>
/// <param name="TenantsPerCall">Tenants named in one DigestRange or CollectTombstones call, at most (larger groups take several).</param>
/// <param name="TombstoneGrace">Versions deleted or expired at least this long before a sync started are collected once it finds the replicas in agreement.</param>
/// <param name="CallTimeout">Deadline of one storage call (digest, scan batch, repair, collect).</param>
/// <param name="ParallelRepairs">Repair calls in flight at once while reconciling a leaf.</param>
/// <param name="RecheckInterval">How often an idle scheduler looks for ranges due (a node found rebuilding, the next pass).</param>
public sealed record AntiEntropySettings(
    TimeSpan Interval,
    int KeysPerSecond,
    int Leaves,
    int ScanThreshold,
    int MaxDepth,
    int TenantsPerCall,
    TimeSpan TombstoneGrace,
    TimeSpan CallTimeout,
    int ParallelRepairs,
    TimeSpan RecheckInterval);
