namespace PairDb.Coordinator.Edge;

/// <summary>
/// At most <see cref="Bound"/> key requests in flight on this coordinator; one more is refused at once
/// (RESOURCE_EXHAUSTED), never queued. It also bounds the key actors kept alive by work, since every busy key holds a
/// request (idle ones are passivated after actors.passivate_after_ms).
/// </summary>
public sealed class InFlightBound
{
    private int _inFlight;
    private long _refused;

    public InFlightBound(int bound)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bound);
        Bound = bound;
    }

    public int Bound { get; }

    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Requests refused since start.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>Takes a slot, or throws RESOURCE_EXHAUSTED when all are taken; dispose the lease to give it back.</summary>
    public Lease Enter()
    {
        if (Interlocked.Increment(ref _inFlight) > Bound)
        {
            Interlocked.Decrement(ref _inFlight);
            Interlocked.Increment(ref _refused);
            throw EdgeStatus.TooManyInFlight(Bound);
        }

        return new Lease(this);
    }

    /// <summary>One request's slot.</summary>
    public readonly struct Lease(InFlightBound owner) : IDisposable
    {
        public void Dispose() => Interlocked.Decrement(ref owner._inFlight);
    }
}
