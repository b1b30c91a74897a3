using Akka.TestKit;

namespace PairDb.Actors.Tests.Domain.Migration;

/// <summary>
/// A TimeProvider over an actor system's TestScheduler, for what a coordinator times outside its actors (a migration
/// run's delays, timeouts and lease stamps): its clock and timers move with the actors' own, only when a spec advances
/// the scheduler. Timers fire on the advancing thread, as the scheduler's own work does.
/// </summary>
public sealed class SchedulerTimeProvider(TestScheduler scheduler) : TimeProvider
{
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override DateTimeOffset GetUtcNow() => scheduler.Now;

    public override long GetTimestamp() => scheduler.Now.UtcTicks;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new SchedulerTimer(scheduler, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>
    /// The TestScheduler cannot cancel scheduled actions, so each (re)arming gets a generation and a firing of an older
    /// one, or of a disposed timer, does nothing.
    /// </summary>
    private sealed class SchedulerTimer(TestScheduler scheduler, TimerCallback callback, object? state) : ITimer
    {
        private readonly Lock _lock = new();
        private long _generation;
        private TimeSpan _period = Timeout.InfiniteTimeSpan;
        private bool _disposed;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            long generation;
            lock (_lock)
            {
                if (_disposed)
                {
                    return false;
                }

                generation = ++_generation;
                _period = period;
            }

            if (dueTime != Timeout.InfiniteTimeSpan)
            {
                Arm(dueTime, generation);
            }

            return true;
        }

        public void Dispose()
        {
            lock (_lock)
            {
                _disposed = true;
                _generation++;
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }

        private void Arm(TimeSpan due, long generation) => scheduler.ScheduleOnce(due, () => Fire(generation));

        private void Fire(long generation)
        {
            TimeSpan period;
            lock (_lock)
            {
                if (_disposed || generation != _generation)
                {
                    return;
                }

                period = _period;
            }

            callback(state);
            if (period != Timeout.InfiniteTimeSpan && period > TimeSpan.Zero)
            {
                Arm(period, generation);
            }
        }
    }
}
