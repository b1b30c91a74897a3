namespace PairDb.Coordinator.Memory;

/// <summary>
/// When an idle coordinator should hand its garbage collector's free memory back to the operating system, without
/// timers or the runtime (the pure core of <see cref="IdleMemoryTrim"/>). It is fed the process's total allocated
/// bytes at each tick: a tick that allocated faster than the quiet rate is busy; once <c>idleAfter</c> has passed
/// since the last busy tick, and at least one busy tick came since the last trim, it says trim, once. A server GC does
/// not collect a process that stopped allocating, so without this the memory a burst committed stays resident while
/// the coordinator idles (the idea of the JVM's G1 periodic collection, JEP 346).
/// </summary>
public sealed class IdleTrimRule
{
    private readonly TimeSpan _idleAfter;
    private readonly long _quietBytesPerSecond;
    private DateTime _lastTick;
    private long _lastAllocated;
    private DateTime _lastBusy;
    private bool _started;
    private bool _busySinceTrim;

    /// <param name="idleAfter">How long allocation must stay below the quiet rate (memory.idle_trim_after).</param>
    /// <param name="quietBytesPerSecond">The allocation rate below which a tick counts as idle (memory.idle_allocation_rate).</param>
    public IdleTrimRule(TimeSpan idleAfter, long quietBytesPerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(idleAfter, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegative(quietBytesPerSecond);
        _idleAfter = idleAfter;
        _quietBytesPerSecond = quietBytesPerSecond;
    }

    /// <summary>Takes one tick's reading; true when the caller should trim now.</summary>
    /// <param name="now">The tick's time (never earlier than the previous tick's).</param>
    /// <param name="totalAllocatedBytes">Bytes the process has allocated since it started (GC.GetTotalAllocatedBytes).</param>
    public bool Observe(DateTime now, long totalAllocatedBytes)
    {
        if (!_started)
        {
            // The first reading is a baseline: what came before it (start-up) counts as a burst.
            _started = true;
            _busySinceTrim = true;
            _lastBusy = now;
            Remember(now, totalAllocatedBytes);
            return false;
        }

        var seconds = Math.Max((now - _lastTick).TotalSeconds, 0.001);
        var rate = (totalAllocatedBytes - _lastAllocated) / seconds;
        Remember(now, totalAllocatedBytes);
        if (rate > _quietBytesPerSecond)
        {
            _busySinceTrim = true;
            _lastBusy = now;
            return false;
        }

        if (!_busySinceTrim || now - _lastBusy < _idleAfter)
        {
            return false;
        }

        _busySinceTrim = false;
        return true;
    }

    private void Remember(DateTime now, long totalAllocatedBytes)
    {
        _lastTick = now;
        _lastAllocated = totalAllocatedBytes;
    }
}
