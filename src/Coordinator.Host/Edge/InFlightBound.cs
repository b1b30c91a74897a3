namespace PairDb.Coordinator.Edge;

/// <summary>
/// At most <see cref="Bound"/> key requests in flight on this coordinator; one more is refused at once
/// (RESOURCE_EXHAUSTED), never queued. It also bounds the key actors kept alive by work, since every busy key holds a
/// request (idle ones are passivated after actors.passivate_after_ms). A batch holds one slot per item it applies,
/// taken all at once (<see cref="Enter(int)"/>), so batches and single calls share the one bound.
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

    /// <summary>Key requests refused since start (each item of a refused batch counts).</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>Takes a slot, or throws RESOURCE_EXHAUSTED when all are taken; dispose the lease to give it back.</summary>
    public Lease Enter() => Enter(1);

    /// <summary>
    /// Takes <paramref name="count"/> slots together, or none and throws RESOURCE_EXHAUSTED when fewer are free; dispose
    /// the lease to give them all back.
    /// </summary>
    public Lease Enter(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (Interlocked.Add(ref _inFlight, count) > Bound && count > 0)
        {
            Interlocked.Add(ref _inFlight, -count);
            Interlocked.Add(ref _refused, count);
            throw EdgeStatus.TooManyInFlight(Bound);
        }

        return new Lease(this, count);
    }

    /// <summary>One request's slots.</summary>
    public readonly struct Lease(InFlightBound owner, int count) : IDisposable
    {
        public void Dispose() => Interlocked.Add(ref owner._inFlight, -count);
    }
}
