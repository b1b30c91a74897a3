using Grpc.Core;

namespace PairDb.Client;

/// <summary>
/// A conditional write or delete (if-clock, if-absent) whose condition did not hold: nothing was written. Carries what
/// the key's writer holds now, so the caller can decide again from it. Never retried by the client.
/// </summary>
public sealed class PairDbConditionFailedException : PairDbException
{
    /// <summary>Creates the exception from the coordinator's FAILED_PRECONDITION detail.</summary>
    public PairDbConditionFailedException(string message, PairDbClock currentClock, bool exists, Exception? innerException = null)
        : base(StatusCode.FailedPrecondition, message, innerException)
    {
        CurrentClock = currentClock;
        Exists = exists;
    }

    /// <summary>The merged clock of the key's current versions (empty: the key has no version).</summary>
    public PairDbClock CurrentClock { get; }

    /// <summary>Whether the key has a live version (not deleted, not expired).</summary>
    public bool Exists { get; }
}
