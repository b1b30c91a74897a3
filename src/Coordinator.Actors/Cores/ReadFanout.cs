using PairDb.Messages.Protocols;

namespace PairDb.Actors.Cores;

/// <summary>
/// Which replicas of a read's preference list are asked, and when (Cassandra's speculative retry). At start the first
/// R, or all N for a sampled full read; the next unasked replica at once when an asked one fails while the decision is
/// pending, so R stays reachable while replicas remain; one more each time the speculative-retry delay passes with the
/// decision pending, until all N are asked. The decision is the <see cref="QuorumTally"/>'s over all N, so the read
/// fails only once success is impossible counting the unasked replicas too. Replicas are asked in preference-list order:
/// the first <see cref="Asked"/> of it. Replicas being rebuilt after losing their data (<see cref="ReadQuorumPlan"/>)
/// lead the list: asked at start, their replies kept for the merge and read repair, never counted by the tally.
/// Mutable and single-owner, as the tally.
/// </summary>
public sealed class ReadFanout
{
    private readonly IReadOnlyCollection<string> _rebuilding;
    private readonly HashSet<string> _rebuildingAnswered = new(StringComparer.Ordinal);

    /// <summary>
    /// Starts a read of <paramref name="required"/> of <paramref name="replicas"/> replicas; <paramref name="fullRead"/>
    /// asks them all at once. The first replicas of the list, <paramref name="rebuilding"/> (ids), do not count.
    /// </summary>
    public ReadFanout(int replicas, int required, bool fullRead, IReadOnlyCollection<string>? rebuilding = null)
    {
        _rebuilding = rebuilding ?? [];
        ArgumentOutOfRangeException.ThrowIfGreaterThan(_rebuilding.Count, replicas);
        Replicas = replicas;
        Tally = new QuorumTally(replicas - _rebuilding.Count, required);
        FullRead = fullRead;
        InitialAsks = fullRead ? replicas : Math.Min(_rebuilding.Count + required, replicas);
        Asked = InitialAsks;
    }

    /// <summary>The replies of replicas that count, and the decision.</summary>
    public QuorumTally Tally { get; }

    /// <summary>Replicas of the preference list, rebuilding ones included.</summary>
    public int Replicas { get; }

    /// <summary>True for a read that asked all N at start.</summary>
    public bool FullRead { get; }

    /// <summary>Replicas asked at start: R (N when R is N), or N for a full read.</summary>
    public int InitialAsks { get; }

    /// <summary>Replicas asked so far: the first <see cref="Asked"/> of the preference list.</summary>
    public int Asked { get; private set; }

    /// <summary>True once the read asked beyond its first replicas, because one failed or was slow.</summary>
    public bool Extended => Asked > InitialAsks;

    /// <summary>True once every asked replica replied: nothing more will arrive (stragglers and read repair end here).</summary>
    public bool Done => Tally.Answered + _rebuildingAnswered.Count == Asked;

    /// <summary>True while the speculative-retry delay can still ask one more: the decision is pending and a replica is unasked.</summary>
    public bool CanSpeculate => Tally.Decision == QuorumDecision.Pending && Asked < Replicas;

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
    /// A rebuilding replica's reply is only noted as arrived. False (ignored) when this replica already replied.
    /// </summary>
    public bool Record(ReplicaReadReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        if (_rebuilding.Contains(reply.ReplicaId))
        {
            return _rebuildingAnswered.Add(reply.ReplicaId);
        }

        if (reply.Status != ReplicaReadStatus.Failed)
        {
            return Tally.AddSuccess(reply.ReplicaId);
        }

        if (!Tally.AddFailure(reply.ReplicaId, reply.Reason ?? "failed", reply.Overloaded))
        {
            return false;
        }

        if (Tally.Decision == QuorumDecision.Pending && Asked < Replicas)
        {
            Asked++;
        }

        return true;
    }

    /// <summary>The tally's failure (<see cref="QuorumTally.Failure"/>), its message naming the rebuilding replicas not counted.</summary>
    public (FailureKind Kind, string Message) Failure(bool deadlinePassed)
    {
        var (kind, message) = Tally.Failure(deadlinePassed);
        return (kind, message + RebuildingNote());
    }

    /// <summary>The tally's numbers (<see cref="QuorumTally.Describe"/>) as a sentence, naming the rebuilding replicas not counted.</summary>
    public string Describe() => Tally.Describe() + "." + RebuildingNote();

    private string RebuildingNote() =>
        _rebuilding.Count == 0 ? "" : $" Not counted: {string.Join(", ", _rebuilding)} (rebuilding after losing its data).";

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
