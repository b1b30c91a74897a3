namespace PairDb.Actors.Cores;

/// <summary>
/// Which replicas of a read's preference list are asked, and when (Cassandra's speculative retry). At start the first
/// R, or all N for a sampled full read; the next unasked replica at once when an asked one fails while the decision is
/// pending, so R stays reachable while replicas remain; one more each time the speculative-retry delay passes with the
/// decision pending, until all N are asked. The decision is the <see cref="QuorumTally"/>'s over all N, so the read
/// fails only once success is impossible counting the unasked replicas too. Replicas are asked in preference-list order:
/// the first <see cref="Asked"/> of it. Mutable and single-owner, as the tally.
/// </summary>
public sealed class ReadFanout
{
    /// <summary>Starts a read of <paramref name="required"/> of <paramref name="replicas"/> replicas; <paramref name="fullRead"/> asks them all at once.</summary>
    public ReadFanout(int replicas, int required, bool fullRead)
    {
        Tally = new QuorumTally(replicas, required);
        FullRead = fullRead;
        InitialAsks = fullRead ? replicas : Math.Min(required, replicas);
        Asked = InitialAsks;
    }

    /// <summary>The replies counted so far, and the decision.</summary>
    public QuorumTally Tally { get; }

    /// <summary>True for a read that asked all N at start.</summary>
    public bool FullRead { get; }

    /// <summary>Replicas asked at start: R (N when R is N), or N for a full read.</summary>
    public int InitialAsks { get; }

    /// <summary>Replicas asked so far: the first <see cref="Asked"/> of the preference list.</summary>
    public int Asked { get; private set; }

    /// <summary>True once the read asked beyond its first replicas, because one failed or was slow.</summary>
    public bool Extended => Asked > InitialAsks;

    /// <summary>True once every asked replica replied: nothing more will arrive (stragglers and read repair end here).</summary>
    public bool Done => Tally.Answered == Asked;

    /// <summary>True while the speculative-retry delay can still ask one more: the decision is pending and a replica is unasked.</summary>
    public bool CanSpeculate => Tally.Decision == QuorumDecision.Pending && Asked < Tally.Replicas;

    /// <summary>
    /// Whether a read of <paramref name="required"/> of <paramref name="replicas"/> asks every replica at once: with
    /// probability <paramref name="chance"/> (one call of <paramref name="draw"/>, a number in [0, 1)), never when R
    /// is N, which asks every replica anyway (and draws nothing). A chance of 1 makes every such read a full read.
    /// </summary>
    public static bool SampleFullRead(int replicas, int required, double chance, Func<double> draw)
    {
        ArgumentNullException.ThrowIfNull(draw);
        return required < replicas && chance > 0 && draw() < chance;
    }

    /// <summary>
    /// Records the reply of an asked replica; a failure while the decision is pending asks the next unasked replica.
    /// False (ignored) when this replica already replied.
    /// </summary>
    public bool Record(ReplicaReadReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        if (reply.Status != ReplicaReadStatus.Failed)
        {
            return Tally.AddSuccess(reply.ReplicaId);
        }

        if (!Tally.AddFailure(reply.ReplicaId, reply.Reason ?? "failed", reply.Overloaded))
        {
            return false;
        }

        if (Tally.Decision == QuorumDecision.Pending && Asked < Tally.Replicas)
        {
            Asked++;
        }

        return true;
    }

    /// <summary>The speculative-retry delay passed: asks one more replica while <see cref="CanSpeculate"/>; true when it did.</summary>
    public bool Speculate()
    {
        if (!CanSpeculate)
        {
            return false;
        }

        Asked++;
        return true;
    }
}
