namespace PairDb.Actors.Kernel;

/// <summary>
/// Base class of every actor: the kernel hands it one message at a time and awaits
/// <see cref="ReceiveAsync"/> before taking the next, so its state needs no locks.
/// </summary>
public abstract class Actor
{
    private IActorContext? _context;

    /// <summary>Self, sender, timers, stop and pipe; available from <see cref="PreStart"/> on.</summary>
    protected IActorContext Context =>
        _context ?? throw new InvalidOperationException("Context is available from PreStart on, not in the constructor.");

    /// <summary>
    /// Whether a shard region may passivate this entity now. Return false while work that must finish
    /// (a write in flight) is pending; the region asks again a full idle timeout later.
    /// </summary>
    protected internal virtual bool CanPassivate => true;

    /// <summary>Handles one message. Throwing restarts the actor with a fresh instance from its Props.</summary>
    protected internal abstract ValueTask ReceiveAsync(object message);

    /// <summary>Runs before the first message of each instance (after every restart too).</summary>
    protected internal virtual void PreStart()
    {
    }

    /// <summary>Runs once when this instance is replaced or stopped; its timers are already cancelled.</summary>
    protected internal virtual void PostStop()
    {
    }

    internal void Bind(IActorContext context) => _context = context;
}
