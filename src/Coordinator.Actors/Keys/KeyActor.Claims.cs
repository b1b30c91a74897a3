using PairDb.Messages.Protocols;

namespace PairDb.Actors.Keys;

/// <summary>The key actor's idempotency step: claims of a round's client keys, their triage, and store calls.</summary>
public sealed partial class KeyActor
{
    private async Task<IReadOnlyList<(Ports.IdempotencyClaim?, Exception?)>> ClaimAllAsync(List<PendingWrite> round)
    {
        var claims = new Task<Ports.IdempotencyClaim>?[round.Count];
        for (var i = 0; i < round.Count; i++)
        {
            var command = round[i].Command;
            claims[i] = round[i].NeedsClaim
                ? StoreCall(_services.Idempotency, command.IdempotencyKey, round[i].Fingerprint,
                    static (store, tenant, key, fingerprint) => store.ClaimAsync(tenant, key, fingerprint, CancellationToken.None))
                : null;
        }

        var results = new (Ports.IdempotencyClaim?, Exception?)[round.Count];
        for (var i = 0; i < claims.Length; i++)
        {
            if (claims[i] is { } claim)
            {
                try
                {
                    results[i] = (await claim, null);
                }
                catch (Exception ex)
                {
                    results[i] = (null, ex);
                }
            }
        }

        return results;
    }

    private void OnClaims(ClaimsDone done)
    {
        var round = _round!;
        var proceeding = new List<PendingWrite>(round.Count);
        var deferred = new List<PendingWrite>();
        for (var i = 0; i < round.Count; i++)
        {
            var pending = round[i];
            if (!pending.NeedsClaim)
            {
                proceeding.Add(pending);
                continue;
            }

            var (claim, error) = i < done.Results.Count ? done.Results[i] : (null, null);
            if (claim is null)
            {
                pending.Answer(new WriteFailed(FailureKind.DependencyUnavailable, "Idempotency store unavailable: " + (error?.Message ?? "no answer")), Self);
                continue;
            }

            var action = ClaimTriage.Decide(claim, pending.Fingerprint, HeldInRound(done, round, i));
            switch (action)
            {
                case ClaimTriage.Action.Apply:
                    pending.Claimed = true;
                    proceeding.Add(pending);
                    break;
                case ClaimTriage.Action.ReplayDuplicate:
                    var first = ((Ports.IdempotencyClaim.Completed)claim).Result;
                    pending.Answer(new WriteSucceeded(first.Clock, first.ReplicaCount, first.Consistency, pending.Command.IdempotencyKey, IsDuplicate: true), Self);
                    break;
                case ClaimTriage.Action.Defer:
                    deferred.Add(pending);
                    break;
                default:
                    pending.Answer(ClaimTriage.Refusal(action, pending.Command.IdempotencyKey), Self);
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
            Self.Tell(new RoundFinished(), Self);
            return;
        }

        WriteOrReadFirst();
    }

    private static bool HeldInRound(ClaimsDone done, List<PendingWrite> round, int index)
    {
        for (var j = 0; j < round.Count && j < done.Results.Count; j++)
        {
            if (j != index && done.Results[j].Claim is Ports.IdempotencyClaim.Claimed
                && string.Equals(round[j].Command.IdempotencyKey, round[index].Command.IdempotencyKey, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Calls the idempotency store so that a synchronous throw becomes a faulted task: the round's failure paths
    /// then handle it like any store error, instead of the exception crashing this actor mid-round (which would
    /// answer writes that were already replicated as failed).
    /// </summary>
    private Task<T> StoreCall<T>(Ports.IIdempotencyStore store, string idempotencyKey, string fingerprint, Func<Ports.IIdempotencyStore, string, string, string, Task<T>> call)
    {
        try
        {
            return call(store, _tenantId, idempotencyKey, fingerprint);
        }
        catch (Exception ex)
        {
            return Task.FromException<T>(ex);
        }
    }

    private static async Task<bool> Completed(Task operation)
    {
        await operation;
        return true;
    }
}
