using Akka.Actor;
using PairDb.Actors.Ports;
using PairDb.Messages.Values;

namespace PairDb.Actors.Ring;

/// <summary>Asks the ring actor to reload membership from the metadata store now; replies the new snapshot.</summary>
public sealed record RefreshMembership;

/// <summary>
/// Anti-entropy refilled every range of <paramref name="NodeId"/>, which was being rebuilt since
/// <paramref name="RebuildingSince"/>: the ring actor clears the mark only if the node is still rebuilding since exactly
/// then (a node wiped again during the refill stays marked), persists and announces it; replies the current snapshot.
/// </summary>
public sealed record NodeRefilled(string NodeId, DateTimeOffset RebuildingSince);

/// <summary>A probe found that <paramref name="NodeId"/>'s database was created anew, and this coordinator recorded it.</summary>
public sealed record RebuildDetected(string NodeId, string OldIncarnation, string NewIncarnation, DateTimeOffset RebuildingSince);

/// <summary>Timer tick: probe every node's health.</summary>
internal sealed record ProbeTick;

/// <summary>Timer tick: reload membership.</summary>
internal sealed record ReloadTick;

/// <summary>Membership, database identities and pending replication factors loaded from the metadata store (or the reason they could not be).</summary>
internal sealed record MembershipLoaded(
    IReadOnlyList<StorageNode>? Nodes, IReadOnlyList<NodeIdentity>? Identities, IReadOnlyDictionary<string, int>? PendingFactors, string? Error);

/// <summary>Results of one probe round, each with the reason of a failed probe and the incarnation reported (empty: none).</summary>
internal sealed record ProbesCompleted(IReadOnlyList<(string NodeId, bool Healthy, string Detail, string Incarnation)> Results);

/// <summary>A conditional incarnation change ended: <paramref name="Won"/> when this coordinator made it.</summary>
internal sealed record IncarnationStored(string NodeId, string? Old, string New, DateTimeOffset? RebuildingSince, bool Won);

/// <summary>A refill's clearing of the rebuilding mark ended (<paramref name="Cleared"/>: it was still that mark); the snapshot goes to <paramref name="ReplyTo"/>.</summary>
internal sealed record RefillStored(string NodeId, bool Cleared, IActorRef ReplyTo);
