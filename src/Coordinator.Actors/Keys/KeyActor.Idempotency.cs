using PairDb.Actors.Cores;
using PairDb.Actors.Support;

namespace PairDb.Actors.Keys;

/// <summary>The key actor's idempotency store calls: a round's claims, its recorded stamps, and its completions and releases.</summary>
public sealed partial class KeyActor
{
    private async Task<IReadOnlyList<ClaimOutcome>> ClaimAllAsync(IReadOnlyList<ClaimRequest> requests)
    {
        var claims = new Task<Ports.IdempotencyClaim>[requests.Count];
        for (var i = 0; i < requests.Count; i++)
        {
            var heldUntil = requests[i].HeldUntilUtc;
            claims[i] = StoreCall(_services.Idempotency, requests[i].IdempotencyKey, requests[i].Fingerprint,
                (store, tenant, key, fingerprint) => store.ClaimAsync(tenant, key, fingerprint, heldUntil, CancellationToken.None));
        }

        var outcomes = new ClaimOutcome[claims.Length];
        for (var i = 0; i < claims.Length; i++)
        {
            try
            {
                outcomes[i] = new ClaimOutcome(await claims[i]);
            }
            catch (Exception ex)
            {
                outcomes[i] = new ClaimOutcome(null, ex.Message);
            }
        }

        return outcomes;
    }

    private async Task<IReadOnlyList<bool?>> RecordAllAsync(IReadOnlyList<StampRecord> records)
    {
        var calls = new Task<bool>[records.Count];
        for (var i = 0; i < records.Count; i++)
        {
            var stamp = records[i].Stamp;
            calls[i] = StoreCall(_services.Idempotency, records[i].IdempotencyKey, records[i].Fingerprint,
                (store, tenant, key, fingerprint) => store.RecordStampAsync(tenant, key, fingerprint, stamp, CancellationToken.None));
        }

        var outcomes = new bool?[calls.Length];
        for (var i = 0; i < calls.Length; i++)
        {
            try
            {
                outcomes[i] = await calls[i];
            }
            catch (Exception)
            {
                // No answer from the store: the round fails without sending anything.
                outcomes[i] = null;
            }
        }

        return outcomes;
    }

    /// <summary>The next round starts once the idempotency store has the outcomes, so a retry never sees a stale claim.</summary>
    private void Settle(IReadOnlyList<IdempotencySettlement> settlements)
    {
        var storeWrites = new Task<bool>[settlements.Count];
        for (var i = 0; i < settlements.Count; i++)
        {
            storeWrites[i] = settlements[i] switch
            {
                IdempotencySettlement.Complete complete => StoreCall(_services.Idempotency, complete.IdempotencyKey, complete.Fingerprint,
                    (store, tenant, key, fingerprint) => Completed(store.CompleteAsync(tenant, key, fingerprint, complete.Result, CancellationToken.None))),
                IdempotencySettlement.Release release => StoreCall(_services.Idempotency, release.IdempotencyKey, release.Fingerprint,
                    static (store, tenant, key, fingerprint) => Completed(store.ReleaseAsync(tenant, key, fingerprint, CancellationToken.None))),
                var other => throw new InvalidOperationException($"Unknown settlement {other.GetType().Name}."),
            };
        }

        Context.PipeToSelf(
            Task.WhenAll(storeWrites).ContinueWith(static _ => true, TaskScheduler.Default),
            static _ => new RoundFinished(),
            static _ => new RoundFinished());
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
