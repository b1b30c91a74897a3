using PairDb.Actors.Ports;

namespace PairDb.Actors.Cores;

/// <summary>How a round leaves one idempotency claim it held: completed with the response, or released.</summary>
public abstract record IdempotencySettlement(string IdempotencyKey, string Fingerprint)
{
    /// <summary>The write succeeded: its response is recorded for replay.</summary>
    public sealed record Complete(string IdempotencyKey, string Fingerprint, IdempotentWriteResult Result)
        : IdempotencySettlement(IdempotencyKey, Fingerprint);

    /// <summary>The write failed: the claim is dropped so a retry can apply it.</summary>
    public sealed record Release(string IdempotencyKey, string Fingerprint) : IdempotencySettlement(IdempotencyKey, Fingerprint);
}
