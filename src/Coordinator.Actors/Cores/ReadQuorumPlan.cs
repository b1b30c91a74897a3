using PairDb.Messages.Values;

namespace PairDb.Actors.Cores;

/// <summary>
/// Which of a read's replicas count towards R when some are being rebuilt after losing their data. A rebuilding
/// replica is still asked (its versions are merged, and read repair refills it) but its answer never counts: ONE and
/// QUORUM need 1 and floor(RF/2)+1 answers from the other replicas, ALL needs every other one. The rebuilding replicas
/// come first in <see cref="Replicas"/>, so the fanout asks them at once alongside the first R of the others.
/// </summary>
public sealed class ReadQuorumPlan
{
    private ReadQuorumPlan(StorageNode[] replicas, string[] rebuilding, int required, string? refusal)
    {
        Replicas = replicas;
        Rebuilding = rebuilding;
        Required = required;
        Refusal = refusal;
    }

    /// <summary>The preference list, rebuilding replicas first, the others after them in preference order.</summary>
    public StorageNode[] Replicas { get; }

    /// <summary>Ids of the replicas being rebuilt, in preference order: asked, never counted.</summary>
    public string[] Rebuilding { get; }

    /// <summary>Answers needed from replicas that are not rebuilding.</summary>
    public int Required { get; }

    /// <summary>Why the read cannot succeed whatever the replicas answer (too few are not rebuilding); null when it can.</summary>
    public string? Refusal { get; }

    /// <summary>
    /// The plan for a read at <paramref name="consistency"/> of a key whose replicas are <paramref name="preference"/>,
    /// <paramref name="replicationFactor"/> of them wanted; <paramref name="isRebuilding"/> says whether a node is being
    /// rebuilt (the ring snapshot's marks).
    /// </summary>
    public static ReadQuorumPlan Create(StorageNode[] preference, Consistency consistency, int replicationFactor, Func<string, bool> isRebuilding)
    {
        ArgumentNullException.ThrowIfNull(preference);
        ArgumentNullException.ThrowIfNull(isRebuilding);
        if (!Array.Exists(preference, node => isRebuilding(node.NodeId)))
        {
            // The common case: nothing is being rebuilt, the preference list is the plan as it is.
            var all = consistency == Consistency.All ? Math.Max(1, preference.Length) : ConsistencyLevels.Required(consistency, replicationFactor);
            return new ReadQuorumPlan(preference, [], all, all > preference.Length ? Refuse(consistency, all, preference.Length, []) : null);
        }

        var rebuilding = new List<StorageNode>();
        var counting = new List<StorageNode>(preference.Length);
        foreach (var node in preference)
        {
            (isRebuilding(node.NodeId) ? rebuilding : counting).Add(node);
        }

        var ids = new string[rebuilding.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = rebuilding[i].NodeId;
        }

        var required = consistency == Consistency.All
            ? Math.Max(1, counting.Count)
            : ConsistencyLevels.Required(consistency, replicationFactor);
        var refusal = counting.Count < required ? Refuse(consistency, required, preference.Length, ids) : null;
        return new ReadQuorumPlan([.. rebuilding, .. counting], ids, required, refusal);
    }

    private static string Refuse(Consistency consistency, int required, int replicas, string[] rebuilding)
    {
        var counting = replicas - rebuilding.Length;
        return $"Consistency {ConsistencyLevels.Name(consistency)} needs {required} replicas that are not rebuilding, but only "
            + $"{counting} of the key's {replicas} are: {string.Join(", ", rebuilding)} "
            + (rebuilding.Length == 1
                ? "is being rebuilt after losing its data and not counted until anti-entropy has refilled it."
                : "are being rebuilt after losing their data and not counted until anti-entropy has refilled them.");
    }
}
