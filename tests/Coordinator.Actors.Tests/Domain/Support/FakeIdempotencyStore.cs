using PairDb.Actors.Ports;

namespace PairDb.Actors.Tests.Domain.Support;

/// <summary>
/// In-memory idempotency store with the documented semantics: a claim on a free key holds it (in progress) until
/// completed (then replayed) or released (then free again, or, when it recorded a stamp, lapsed: the next claim takes
/// it over with the stamp). Claims never lapse with time here. Tests can hold claims open or make a method throw
/// synchronously.
/// </summary>
public sealed class FakeIdempotencyStore : IIdempotencyStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(string TenantId, string Key), Entry> _entries = [];
    private int _claims;
    private int _releases;

    /// <summary>When set, claims wait for this task before answering (a slow store).</summary>
    public Task? ClaimGate { get; set; }

    /// <summary>When set, ClaimAsync throws it synchronously instead of returning a task.</summary>
    public Exception? ThrowOnClaim { get; set; }

    /// <summary>When set, CompleteAsync throws it synchronously instead of returning a task.</summary>
    public Exception? ThrowOnComplete { get; set; }

    public int Claims => Volatile.Read(ref _claims);

    public int Releases => Volatile.Read(ref _releases);

    /// <summary>What the store holds for the key: Completed, InProgress, or null when free (a lapsed claim too).</summary>
    public IdempotencyClaim? Peek(string tenantId, string idempotencyKey)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue((tenantId, idempotencyKey), out var entry) || entry.Lapsed)
            {
                return null;
            }

            return entry.Result is null
                ? new IdempotencyClaim.InProgress(entry.Fingerprint)
                : new IdempotencyClaim.Completed(entry.Fingerprint, entry.Result);
        }
    }

    public Task<IdempotencyClaim> ClaimAsync(string tenantId, string idempotencyKey, string fingerprint, DateTime heldUntilUtc, CancellationToken cancellationToken)
    {
        if (ThrowOnClaim is { } error)
        {
            throw error;
        }

        Interlocked.Increment(ref _claims);
        return ClaimGate is { } gate ? ClaimAfterAsync(gate, tenantId, idempotencyKey, fingerprint) : Task.FromResult(ClaimNow(tenantId, idempotencyKey, fingerprint));
    }

    public Task<bool> RecordStampAsync(string tenantId, string idempotencyKey, string fingerprint, RecordedStamp stamp, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue((tenantId, idempotencyKey), out var entry) && entry.Fingerprint == fingerprint && entry.Result is null && !entry.Lapsed)
            {
                entry.Stamp = stamp;
                return Task.FromResult(true);
            }
        }

        return Task.FromResult(false);
    }

    public Task CompleteAsync(string tenantId, string idempotencyKey, string fingerprint, IdempotentWriteResult result, CancellationToken cancellationToken)
    {
        if (ThrowOnComplete is { } error)
        {
            throw error;
        }

        lock (_lock)
        {
            if (_entries.TryGetValue((tenantId, idempotencyKey), out var entry) && entry.Fingerprint == fingerprint)
            {
                entry.Result = result;
            }
        }

        return Task.CompletedTask;
    }

    public Task ReleaseAsync(string tenantId, string idempotencyKey, string fingerprint, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _releases);
        lock (_lock)
        {
            // Only an in-progress claim of the same request is dropped; a completed record stays.
            if (_entries.TryGetValue((tenantId, idempotencyKey), out var entry) && entry.Fingerprint == fingerprint && entry.Result is null)
            {
                if (entry.Stamp is null)
                {
                    _entries.Remove((tenantId, idempotencyKey));
                }
                else
                {
                    entry.Lapsed = true;
                }
            }
        }

        return Task.CompletedTask;
    }

    public Task PingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task<IdempotencyClaim> ClaimAfterAsync(Task gate, string tenantId, string idempotencyKey, string fingerprint)
    {
        await gate.WaitAsync(TimeSpan.FromSeconds(10));
        return ClaimNow(tenantId, idempotencyKey, fingerprint);
    }

    private IdempotencyClaim ClaimNow(string tenantId, string idempotencyKey, string fingerprint)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue((tenantId, idempotencyKey), out var entry) && entry is { Lapsed: true, Result: null })
            {
                var stamp = entry.Fingerprint == fingerprint ? entry.Stamp : null;
                _entries[(tenantId, idempotencyKey)] = new Entry(fingerprint) { Stamp = stamp };
                return new IdempotencyClaim.Claimed(stamp);
            }

            if (entry is not null)
            {
                return entry.Result is null
                    ? new IdempotencyClaim.InProgress(entry.Fingerprint)
                    : new IdempotencyClaim.Completed(entry.Fingerprint, entry.Result);
            }

            _entries[(tenantId, idempotencyKey)] = new Entry(fingerprint);
            return new IdempotencyClaim.Claimed();
        }
    }

    /// <summary>A held claim (no result yet) or a completed record.</summary>
    private sealed class Entry(string fingerprint)
    {
        public string Fingerprint { get; } = fingerprint;

        public IdempotentWriteResult? Result { get; set; }

        /// <summary>The stamp the claim recorded before its write was sent.</summary>
        public RecordedStamp? Stamp { get; set; }

        /// <summary>A released claim with a stamp: the next claim takes it over.</summary>
        public bool Lapsed { get; set; }
    }
}
