namespace PairDb.Tests.Shared;

/// <summary>A clock that moves only when told to; timers (including PeriodicTimer's) fire inside <see cref="Advance"/>.</summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _now;

    public ManualTimeProvider(DateTimeOffset start) => _now = start;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        lock (_gate)
        {
            _timers.Add(timer);
        }

        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves the clock forward by <paramref name="by"/>, firing each timer that falls due on the way, in time order.</summary>
    public void Advance(TimeSpan by)
    {
        DateTimeOffset target;
        lock (_gate)
        {
            target = _now + by;
        }

        while (NextDue(target) is { } timer)
        {
            timer.Fire();
        }
    }

    /// <summary>Moves the clock to the earliest due time up to <paramref name="target"/> and returns that timer, or null at the target.</summary>
    private ManualTimer? NextDue(DateTimeOffset target)
    {
        lock (_gate)
        {
            ManualTimer? due = null;
            foreach (var timer in _timers)
            {
                if (timer.DueAt is { } at && at <= target && (due is null || at < due.DueAt))
                {
                    due = timer;
                }
            }

            if (due is null)
            {
                _now = target;
                return null;
            }

            _now = due.DueAt!.Value;
            due.DueAt = due.Period > TimeSpan.Zero ? _now + due.Period : null;
            return due;
        }
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset? DueAt { get; set; }

        public TimeSpan Period { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (owner._gate)
            {
                Period = period == Timeout.InfiniteTimeSpan ? TimeSpan.Zero : period;
                DueAt = dueTime == Timeout.InfiniteTimeSpan ? null : owner._now + dueTime;
            }

            return true;
        }

        public void Fire() => callback(state);

        public void Dispose()
        {
            lock (owner._gate)
            {
                owner._timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
