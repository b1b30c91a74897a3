using PairDb.Messages.Protocols;

namespace PairDb.Actors.Cores;

/// <summary>
/// Counts the replies of one quorum request (Riak's put_core/get_core): successes and failures separately,
/// at most one reply per replica, and a decision reached as early as the numbers allow in either direction.
/// Mutable and single-owner: the aggregator actor that holds it is the only caller.
/// </summary>
public sealed class QuorumTally
{
    private readonly string[] _answered;
    private readonly List<ReplicaFailure> _failures = [];

    /// <summary>Starts a tally over <paramref name="replicas"/> replicas needing <paramref name="required"/> successes.</summary>
    /// <remarks>Required above the replica count is allowed and fails at once: the preference list is too short.</remarks>
    public QuorumTally(int replicas, int required)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(replicas);
        ArgumentOutOfRangeException.ThrowIfLessThan(required, 1);
        Replicas = replicas;
        Required = required;
        _answered = new string[replicas];
    }

    public int Replicas { get; }

    public int Required { get; }

    public int Successes { get; private set; }

    public int Failures => _failures.Count;

    /// <summary>Replicas that replied either way.</summary>
    public int Answered => Successes + Failures;

    /// <summary>Replicas not heard from yet.</summary>
    public int Outstanding => Replicas - Answered;

    /// <summary>True once every replica replied: nothing more will arrive.</summary>
    public bool Done => Answered == Replicas;

    /// <summary>Why each failed replica failed, in arrival order.</summary>
    public IReadOnlyList<ReplicaFailure> FailureReasons => _failures;

    /// <summary>
    /// Succeeded at Required successes; Failed once more than Replicas - Required failed (success impossible).
    /// The two conditions exclude each other, so a decision never changes once made.
    /// </summary>
    public QuorumDecision Decision =>
        Successes >= Required ? QuorumDecision.Succeeded
        : Failures > Replicas - Required ? QuorumDecision.Failed
        : QuorumDecision.Pending;

    /// <summary>Records a success; false (ignored) when this replica already replied or all replicas have.</summary>
    public bool AddSuccess(string replicaId)
    {
        if (!TryRecord(replicaId))
        {
            return false;
        }

        Successes++;
        return true;
    }

    /// <summary>Failed replicas that refused for overload.</summary>
    public int OverloadedFailures { get; private set; }

    /// <summary>
    /// Records a failure, <paramref name="overloaded"/> when the replica refused for overload; false (ignored) when
    /// this replica already replied or all replicas have.
    /// </summary>
    public bool AddFailure(string replicaId, string reason, bool overloaded = false)
    {
        ArgumentNullException.ThrowIfNull(reason);
        if (!TryRecord(replicaId))
        {
            return false;
        }

        _failures.Add(new ReplicaFailure(replicaId, reason, overloaded));
        if (overloaded)
        {
            OverloadedFailures++;
        }

        return true;
    }

    /// <summary>The failure a quorum that cannot succeed reports (<see cref="QuorumFailureRule"/>), with its message.</summary>
    /// <param name="deadlinePassed">Whether the request's deadline had passed when the quorum failed.</param>
    public (FailureKind Kind, string Message) Failure(bool deadlinePassed = false)
    {
        var kind = QuorumFailureRule.Classify(Replicas, Required, OverloadedFailures, Failures - OverloadedFailures, deadlinePassed);
        return kind switch
        {
            FailureKind.DeadlineExceeded => (kind, "Deadline exceeded: " + Describe() + "."),
            FailureKind.Overloaded => (kind, "Replicas overloaded: " + Describe() + "; retry after a backoff."),
            _ => (kind, "Quorum not reached: " + Describe() + "."),
        };
    }

    /// <summary>The numbers for an UNAVAILABLE reply, e.g. "1 of 3 replicas succeeded, 2 required (1 failed: s2 timeout; 1 did not answer)".</summary>
    public string Describe()
    {
        var text = $"{Successes} of {Replicas} replicas succeeded, {Required} required";
        if (Failures == 0 && Outstanding == 0)
        {
            return text;
        }

        var details = new List<string>(2);
        if (Failures > 0)
        {
            var reasons = new string[_failures.Count];
            for (var i = 0; i < reasons.Length; i++)
            {
                reasons[i] = $"{_failures[i].ReplicaId} {_failures[i].Reason}";
            }

            details.Add($"{Failures} failed: {string.Join(", ", reasons)}");
        }

        if (Outstanding > 0)
        {
            details.Add($"{Outstanding} did not answer");
        }

        return $"{text} ({string.Join("; ", details)})";
    }

    private bool TryRecord(string replicaId)
    {
        ArgumentNullException.ThrowIfNull(replicaId);
        var answered = Answered;
        if (answered == Replicas)
        {
            return false;
        }

        for (var i = 0; i < answered; i++)
        {
            if (string.Equals(_answered[i], replicaId, StringComparison.Ordinal))
            {
                return false;
            }
        }

        _answered[answered] = replicaId;
        return true;
    }
}
