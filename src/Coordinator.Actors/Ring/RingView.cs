namespace PairDb.Actors.Ring;

/// <summary>
/// Holds the current <see cref="RingSnapshot"/>: written only by the ring actor, read lock-free by everyone.
/// </summary>
public sealed class RingView
{
    private volatile RingSnapshot _current = RingSnapshot.Empty;

    public RingSnapshot Current => _current;

    internal void Publish(RingSnapshot snapshot) => _current = snapshot;
}
