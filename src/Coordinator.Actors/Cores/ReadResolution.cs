using PairDb.Messages.Values;

namespace PairDb.Actors.Cores;

/// <summary>
/// The outcome of a read across replicas: the merged sibling set, its last-write-wins winner and merged clock
/// (so the next write dominates every sibling), whether the key reads as not found, and the read-repair plan.
/// </summary>
public sealed class ReadResolution
{
    private ReadResolution(IReadOnlyList<VersionedValue> siblings, VersionedValue? winner, VectorClock mergedClock, int answered, RepairPlan repair)
    {
        Siblings = siblings;
        Winner = winner;
        MergedClock = mergedClock;
        Answered = answered;
        Repair = repair;
    }

    /// <summary>Every version no other version supersedes, winner first; tombstones included.</summary>
    public IReadOnlyList<VersionedValue> Siblings { get; }

    /// <summary>The last-write-wins winner, or null when no replica returned a version.</summary>
    public VersionedValue? Winner { get; }

    /// <summary>The merge of every sibling's clock (empty when there are none).</summary>
    public VectorClock MergedClock { get; }

    /// <summary>Replicas that answered (found or not found); failed ones are not counted.</summary>
    public int Answered { get; }

    /// <summary>
    /// True when there is no version or the winner is not live at <paramref name="nowMicros"/> (Unix microseconds, the
    /// read's time): a tombstone, or a version whose expiry has passed, which reads exactly as a tombstone would. The
    /// read then answers NOT_FOUND.
    /// </summary>
    public bool IsNotFound(long nowMicros) => Winner is null || !Winner.IsLive(nowMicros);

    /// <summary>The repairs that bring the stale answering replicas up to <see cref="Siblings"/>.</summary>
    public RepairPlan Repair { get; }

    /// <summary>Resolves the replies of one read; at most <paramref name="maxRepairs"/> replicas are repaired.</summary>
    public static ReadResolution Resolve(IReadOnlyList<ReplicaReadReply> replies, int maxRepairs)
    {
        ArgumentNullException.ThrowIfNull(replies);
        IReadOnlyList<VersionedValue> siblings = [];
        var answered = 0;
        for (var i = 0; i < replies.Count; i++)
        {
            var reply = replies[i];
            if (reply.Status == ReplicaReadStatus.Failed)
            {
                continue;
            }

            answered++;
            if (reply.Status == ReplicaReadStatus.Found)
            {
                for (var j = 0; j < reply.Versions.Count; j++)
                {
                    siblings = SiblingSet.Merge(siblings, reply.Versions[j]).Versions;
                }
            }
        }

        var winner = siblings.Count == 0 ? null : SiblingSet.Winner(siblings);
        return new ReadResolution(siblings, winner, SiblingSet.MergedClock(siblings), answered, RepairPlan.Create(replies, siblings, maxRepairs));
    }
}
