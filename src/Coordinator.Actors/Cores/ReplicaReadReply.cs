using PairDb.Messages.Values;

namespace PairDb.Actors.Cores;

/// <summary>
/// One replica's answer to a read: its status and, when found, its sibling versions; when failed, why
/// (<paramref name="Reason"/>) and whether it refused for overload.
/// </summary>
public sealed record ReplicaReadReply(
    string ReplicaId, ReplicaReadStatus Status, IReadOnlyList<VersionedValue> Versions, string? Reason = null, bool Overloaded = false)
{
    /// <summary>A replica that returned <paramref name="versions"/> (an empty list reads as not found).</summary>
    public static ReplicaReadReply Found(string replicaId, IReadOnlyList<VersionedValue> versions) =>
        new(replicaId, ReplicaReadStatus.Found, versions);

    /// <summary>A replica that holds no version of the key.</summary>
    public static ReplicaReadReply NotFound(string replicaId) => new(replicaId, ReplicaReadStatus.NotFound, []);

    /// <summary>A replica whose state is unknown: it failed for <paramref name="reason"/>, or refused for overload.</summary>
    public static ReplicaReadReply Failed(string replicaId, string reason = "failed", bool overloaded = false) =>
        new(replicaId, ReplicaReadStatus.Failed, [], reason, overloaded);
}
