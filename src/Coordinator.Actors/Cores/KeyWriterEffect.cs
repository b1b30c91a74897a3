using PairDb.Messages.Protocols;
using PairDb.Messages.Values;

namespace PairDb.Actors.Cores;

/// <summary>
/// What a <see cref="KeyWriter{TReplyTo}"/> asks its shell to do. Each effect that starts work names the report that
/// ends it; the shell performs effects in order.
/// </summary>
public abstract record KeyWriterEffect<TReplyTo>
{
    private protected KeyWriterEffect()
    {
    }

    /// <summary>Send <paramref name="Reply"/> to <paramref name="ReplyTo"/>; each accepted write gets exactly one.</summary>
    public sealed record Answer(TReplyTo ReplyTo, WriteReply Reply) : KeyWriterEffect<TReplyTo>;

    /// <summary>Claim these keys, then report one outcome per request, in order, to <see cref="KeyWriter{TReplyTo}.OnClaimed"/>.</summary>
    public sealed record Claim(IReadOnlyList<ClaimRequest> Requests) : KeyWriterEffect<TReplyTo>;

    /// <summary>
    /// Read the key's current versions from <paramref name="Replicas"/> until <paramref name="Required"/> of those not in
    /// <paramref name="Rebuilding"/> answered or <paramref name="DeadlineUtc"/>, then report to
    /// <see cref="KeyWriter{TReplyTo}.OnCurrentRead"/>. The rebuilding replicas (ids) lead the list: asked, never counted.
    /// </summary>
    public sealed record ReadCurrent(StorageNode[] Replicas, int Required, DateTime DeadlineUtc, string[] Rebuilding) : KeyWriterEffect<TReplyTo>;

    /// <summary>
    /// Write <paramref name="Version"/> to <paramref name="Replicas"/> (and a running migration's future replicas for
    /// <paramref name="ReplicationFactor"/>, taken when performed) until <paramref name="Required"/> acknowledged or
    /// <paramref name="DeadlineUtc"/>, conditionally when <paramref name="IfDominates"/>, then report to
    /// <see cref="KeyWriter{TReplyTo}.OnReplicated"/>.
    /// </summary>
    public sealed record Replicate(
        VersionedValue Version,
        StorageNode[] Replicas,
        int Required,
        DateTime DeadlineUtc,
        int ReplicationFactor,
        bool IfDominates) : KeyWriterEffect<TReplyTo>;

    /// <summary>
    /// Record these stamps in their idempotency claims, then report one outcome per record, in order (true: recorded),
    /// to <see cref="KeyWriter{TReplyTo}.OnStampsRecorded"/>.
    /// </summary>
    public sealed record RecordStamps(IReadOnlyList<StampRecord> Records) : KeyWriterEffect<TReplyTo>;

    /// <summary>
    /// Store these idempotency outcomes (possibly none), then report to <see cref="KeyWriter{TReplyTo}.OnSettled"/>
    /// whatever each store call did.
    /// </summary>
    public sealed record Settle(IReadOnlyList<IdempotencySettlement> Settlements) : KeyWriterEffect<TReplyTo>;
}
