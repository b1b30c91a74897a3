using PairDb.Messages.Protocols;

namespace PairDb.Actors.Cores;

/// <summary>
/// What a quorum that can no longer succeed reports. Overloaded (RESOURCE_EXHAUSTED, retry after backoff) when at
/// least one replica refused for overload and the replicas that did not fail otherwise could still have made the
/// quorum: the request was lost to overload, and the same replicas can take it once the load drops.
/// QuorumNotReached (UNAVAILABLE) when the other failures (down, unreachable, broken) alone leave fewer than the
/// required replicas, or none refused for overload: waiting for load to drop would not help. DeadlineExceeded, before
/// either, when the request's deadline had passed by the time the quorum failed: every replica call carries that
/// deadline, so those failures are the deadline's, not the replicas'.
/// </summary>
public static class QuorumFailureRule
{
    /// <param name="replicas">Replicas of the preference list (N), asked or still to be asked.</param>
    /// <param name="required">Successes needed (R or W).</param>
    /// <param name="overloaded">Replicas that refused for overload.</param>
    /// <param name="otherFailures">Replicas that failed for any other reason.</param>
    /// <param name="deadlinePassed">Whether the request's deadline had passed when the quorum failed.</param>
    public static FailureKind Classify(int replicas, int required, int overloaded, int otherFailures, bool deadlinePassed = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(overloaded);
        ArgumentOutOfRangeException.ThrowIfNegative(otherFailures);
        if (deadlinePassed)
        {
            return FailureKind.DeadlineExceeded;
        }

        return overloaded > 0 && replicas - otherFailures >= required ? FailureKind.Overloaded : FailureKind.QuorumNotReached;
    }
}
