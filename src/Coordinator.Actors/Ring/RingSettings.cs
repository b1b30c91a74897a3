namespace PairDb.Actors.Ring;

/// <summary>How often the ring actor probes nodes and reloads membership, and when a node counts as down.</summary>
public sealed record RingSettings(TimeSpan ProbeInterval, TimeSpan ProbeTimeout, int FailureThreshold, TimeSpan ReloadInterval);
