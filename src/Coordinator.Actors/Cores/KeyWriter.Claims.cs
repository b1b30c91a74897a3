using PairDb.Actors.Ports;
using PairDb.Messages.Protocols;

namespace PairDb.Actors.Cores;

/// <summary>The key writer's idempotency step: triage of a round's claims.</summary>
public sealed partial class KeyWriter<TReplyTo>
{
    /// <summary>
    /// The round's claims came back, one outcome per <see cref="ClaimRequest"/> in order (missing ones read as "no
    /// answer"). Writes whose claim failed or was refused are answered now; a duplicate of a completed write replays
    /// its first response; a copy of a write claimed earlier in this round waits at the head of the queue for the
    /// next round, where it replays. The rest go on to be written; when none does, the round finishes.
    /// </summary>
    public IReadOnlyList<KeyWriterEffect<TReplyTo>> OnClaimed(IReadOnlyList<ClaimOutcome> outcomes, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        Expect(KeyWriterState.Claiming);
        var effects = new List<KeyWriterEffect<TReplyTo>>();
        var claimants = new List<PendingWrite<TReplyTo>>();
        foreach (var pending in _round)
        {
            if (pending.NeedsClaim)
            {
                claimants.Add(pending);
            }
        }

        var proceeding = new List<PendingWrite<TReplyTo>>(_round.Count);
        var deferred = new List<PendingWrite<TReplyTo>>();
        var index = 0;
        foreach (var pending in _round)
        {
            if (!pending.NeedsClaim)
            {
                proceeding.Add(pending);
                continue;
            }

            var claimIndex = index++;
            var (claim, error) = claimIndex < outcomes.Count ? outcomes[claimIndex] : new ClaimOutcome(null);
            if (claim is null)
            {
                Answer(effects, pending, new WriteFailed(FailureKind.DependencyUnavailable, "Idempotency store unavailable: " + (error ?? "no answer")));
                continue;
            }

            var action = ClaimTriage.Decide(claim, pending.Fingerprint, HeldInRound(claimants, outcomes, claimIndex));
            switch (action)
            {
                case ClaimTriage.Action.Apply:
                    pending.Claimed = true;
                    pending.Lapsed = ((IdempotencyClaim.Claimed)claim).Lapsed;
                    proceeding.Add(pending);
                    break;
                case ClaimTriage.Action.ReplayDuplicate:
                    var first = ((IdempotencyClaim.Completed)claim).Result;
                    Answer(effects, pending, new WriteSucceeded(first.Clock, first.ReplicaCount, first.Consistency, pending.Command.IdempotencyKey, IsDuplicate: true));
                    break;
                case ClaimTriage.Action.Defer:
                    deferred.Add(pending);
                    break;
                default:
                    Answer(effects, pending, ClaimTriage.Refusal(action, pending.Command.IdempotencyKey));
                    break;
            }
        }

        for (var i = deferred.Count - 1; i >= 0; i--)
        {
            _queue.AddFirst(deferred[i]);
        }

        _round = proceeding;
        if (proceeding.Count == 0)
        {
            Finish(effects, []);
            return effects;
        }

        WriteOrReadFirst(now, effects);
        return effects;
    }

    /// <summary>Whether another write of the round claimed the same key (this one then waits for its outcome).</summary>
    private static bool HeldInRound(List<PendingWrite<TReplyTo>> claimants, IReadOnlyList<ClaimOutcome> outcomes, int index)
    {
        for (var j = 0; j < claimants.Count && j < outcomes.Count; j++)
        {
            if (j != index && outcomes[j].Claim is IdempotencyClaim.Claimed
                && string.Equals(claimants[j].Command.IdempotencyKey, claimants[index].Command.IdempotencyKey, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
