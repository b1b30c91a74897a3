using PairDb.Messages.Values;

namespace PairDb.Actors.Cores;

/// <summary>
/// Which replicas read repair sends the merged sibling set to: every replica that answered with a state other than
/// exactly that set (dominated versions, missing siblings, not found), up to a cap; failed replicas are left alone
/// since their state is unknown. Repairs beyond the cap are counted, not queued.
/// </summary>
public sealed class RepairPlan
{
    private RepairPlan(IReadOnlyList<VersionedValue> versions, IReadOnlyList<string> targets, int skipped)
    {
        Versions = versions;
        Targets = targets;
        Skipped = skipped;
    }

    /// <summary>The merged sibling set each target receives.</summary>
    public IReadOnlyList<VersionedValue> Versions { get; }

    /// <summary>Replicas to repair, in reply order.</summary>
    public IReadOnlyList<string> Targets { get; }

    /// <summary>Stale replicas left unrepaired because of the cap.</summary>
    public int Skipped { get; }

    /// <summary>True when no replica needs a repair.</summary>
    public bool IsEmpty => Targets.Count == 0;

    /// <summary>Plans the repairs that bring every answering replica to <paramref name="merged"/>.</summary>
    public static RepairPlan Create(IReadOnlyList<ReplicaReadReply> replies, IReadOnlyList<VersionedValue> merged, int maxRepairs)
    {
        ArgumentNullException.ThrowIfNull(replies);
        ArgumentNullException.ThrowIfNull(merged);
        ArgumentOutOfRangeException.ThrowIfNegative(maxRepairs);
        var targets = new List<string>();
        var skipped = 0;
        for (var i = 0; i < replies.Count; i++)
        {
            var reply = replies[i];
            if (reply.Status == ReplicaReadStatus.Failed || HoldsExactly(reply, merged))
            {
                continue;
            }

            if (targets.Count < maxRepairs)
            {
                targets.Add(reply.ReplicaId);
            }
            else
            {
                skipped++;
            }
        }

        return new RepairPlan(merged, targets, skipped);
    }

    private static bool HoldsExactly(ReplicaReadReply reply, IReadOnlyList<VersionedValue> merged)
    {
        var versions = reply.Status == ReplicaReadStatus.Found ? reply.Versions : [];
        if (versions.Count != merged.Count)
        {
            return false;
        }

        for (var i = 0; i < merged.Count; i++)
        {
            if (!Contains(versions, merged[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Contains(IReadOnlyList<VersionedValue> versions, VersionedValue version)
    {
        for (var i = 0; i < versions.Count; i++)
        {
            if (versions[i].Equals(version))
            {
                return true;
            }
        }

        return false;
    }
}
