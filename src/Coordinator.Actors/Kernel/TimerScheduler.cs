namespace PairDb.Actors.Kernel;

/// <summary>An actor's keyed timers; touched only from the actor's own loop, so no locking.</summary>
internal sealed class TimerScheduler : ITimerScheduler
{
    private readonly ActorCell _cell;
    private readonly Dictionary<object, TimerEntry> _timers = [];

    public TimerScheduler(ActorCell cell)
    {
        _cell = cell;
    }

    public void StartSingleTimer(object key, object message, TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        Start(key, message, delay, Timeout.InfiniteTimeSpan);
    }

    public void StartPeriodicTimer(object key, object message, TimeSpan interval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        Start(key, message, interval, interval);
    }

    public bool IsTimerActive(object key) => _timers.ContainsKey(key);

    public void Cancel(object key)
    {
        if (_timers.Remove(key, out var entry))
        {
            entry.Cancel();
        }
    }

    public void CancelAll()
    {
        foreach (var entry in _timers.Values)
        {
            entry.Cancel();
        }

        _timers.Clear();
    }

    /// <summary>Turns a dequeued tick into its message, unless its timer was cancelled or replaced since it fired.</summary>
    public bool TryTake(TimerEntry fired, out object message)
    {
        if (!_timers.TryGetValue(fired.Key, out var current) || !ReferenceEquals(current, fired))
        {
            message = fired;
            return false;
        }

        if (fired.IsPeriodic)
        {
            fired.MarkDelivered();
        }
        else
        {
            _timers.Remove(fired.Key);
        }

        message = fired.Message;
        return true;
    }

    private void Start(object key, object message, TimeSpan due, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(message);
        Cancel(key);
        var entry = new TimerEntry(_cell, key, message, isPeriodic: period != Timeout.InfiniteTimeSpan);
        _timers[key] = entry;
        entry.Arm(_cell.System.TimeProvider, due, period);
    }
}
