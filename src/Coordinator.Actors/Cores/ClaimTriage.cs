using PairDb.Actors.Ports;
using PairDb.Messages.Protocols;

namespace PairDb.Actors.Cores;

/// <summary>Pure decision on an idempotency claim: apply the write, replay the first response, refuse, or wait.</summary>
public static class ClaimTriage
{
    /// <summary>What to do with a write after claiming its idempotency key.</summary>
    public enum Action
    {
        Apply,
        ReplayDuplicate,
        RefuseConflict,
        RefuseInProgress,

        /// <summary>An earlier write of the same batch holds the key: retry in the next batch, where it is complete.</summary>
        Defer,
    }

    public static Action Decide(IdempotencyClaim claim, string fingerprint, bool heldByEarlierInBatch)
    {
        ArgumentNullException.ThrowIfNull(claim);
        return claim switch
        {
            IdempotencyClaim.Claimed => Action.Apply,
            IdempotencyClaim.Completed done => done.Fingerprint == fingerprint ? Action.ReplayDuplicate : Action.RefuseConflict,
            IdempotencyClaim.InProgress held when heldByEarlierInBatch => held.Fingerprint == fingerprint ? Action.Defer : Action.RefuseConflict,
            IdempotencyClaim.InProgress held => held.Fingerprint == fingerprint ? Action.RefuseInProgress : Action.RefuseConflict,
            _ => throw new ArgumentOutOfRangeException(nameof(claim), claim, "Unknown claim."),
        };
    }

    /// <summary>The reply for a refused write.</summary>
    public static WriteFailed Refusal(Action action, string idempotencyKey) => action switch
    {
        Action.RefuseConflict => new WriteFailed(FailureKind.IdempotencyConflict,
            $"Idempotency key '{idempotencyKey}' was already used for a different request."),
        _ => new WriteFailed(FailureKind.IdempotencyInProgress,
            $"A request with idempotency key '{idempotencyKey}' is being applied right now; retry it."),
    };
}
