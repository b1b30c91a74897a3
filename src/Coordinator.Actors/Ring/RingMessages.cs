using PairDb.Messages.Values;

namespace PairDb.Actors.Ring;

/// <summary>Asks the ring actor to reload membership from the metadata store now; replies the new snapshot.</summary>
public sealed record RefreshMembership;

/// <summary>Timer tick: probe every node's health.</summary>
internal sealed record ProbeTick;

/// <summary>Timer tick: reload membership.</summary>
internal sealed record ReloadTick;

/// <summary>Membership and pending replication factors loaded from the metadata store (or the reason they could not be).</summary>
internal sealed record MembershipLoaded(IReadOnlyList<StorageNode>? Nodes, IReadOnlyDictionary<string, int>? PendingFactors, string? Error);

/// <summary>Results of one probe round, each with the reason of a failed probe.</summary>
internal sealed record ProbesCompleted(IReadOnlyList<(string NodeId, bool Healthy, string Detail)> Results);
