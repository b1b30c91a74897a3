namespace PairDb.Actors.Kernel;

/// <summary>One keyed timer; the entry itself travels through the mailbox so a stale tick can be recognised.</summary>
internal sealed class TimerEntry
{
    private readonly ActorCell _cell;
    private ITimer? _timer;
    private int _queued;

    public TimerEntry(ActorCell cell, object key, object message, bool isPeriodic)
    {
        _cell = cell;
        Key = key;
        Message = message;
        IsPeriodic = isPeriodic;
    }

    public object Key { get; }

    public object Message { get; }

    public bool IsPeriodic { get; }

    public void Arm(TimeProvider time, TimeSpan due, TimeSpan period) =>
        _timer = time.CreateTimer(static state => ((TimerEntry)state!).Fire(), this, due, period);

    /// <summary>Called on the actor as the tick is delivered, so the next periodic tick may queue.</summary>
    public void MarkDelivered() => Volatile.Write(ref _queued, 0);

    public void Cancel() => _timer?.Dispose();

    private void Fire()
    {
        // At most one tick per timer in the mailbox: a slow actor skips ticks instead of piling them up.
        if (Interlocked.Exchange(ref _queued, 1) == 0)
        {
            _cell.EnqueueSystem(this);
        }
    }
}
