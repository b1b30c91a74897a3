namespace PairDb.Actors.Ports;

/// <summary>What claiming an idempotency key found.</summary>
public abstract record IdempotencyClaim
{
    private IdempotencyClaim()
    {
    }

    /// <summary>
    /// The key was free and is now held by this request until completed or released. <paramref name="Lapsed"/> is set
    /// when the request took over a lapsed claim of the same request that had recorded a stamp: that write may sit on
    /// some replicas.
    /// </summary>
    public sealed record Claimed(RecordedStamp? Lapsed = null) : IdempotencyClaim;

    /// <summary>A write with this key already succeeded: replay it if the fingerprint matches.</summary>
    public sealed record Completed(string Fingerprint, IdempotentWriteResult Result) : IdempotencyClaim;

    /// <summary>Another request holds the key right now (on this or another coordinator).</summary>
    public sealed record InProgress(string Fingerprint) : IdempotencyClaim;
}
