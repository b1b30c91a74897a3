namespace PairDb.Messages.Serialization;

/// <summary>
/// Deadlines on the cluster wire: the time left, never one machine's wall clock, so that clocks that disagree between
/// coordinators move a deadline by no more than the transit time. Whole microseconds, rounded down (never later).
/// </summary>
internal static class RemainingTime
{
    private static readonly DateTime MaxUtc = DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Utc);

    /// <summary>Microseconds from <paramref name="nowUtc"/> to <paramref name="deadlineUtc"/>, or 0 when it has passed.</summary>
    public static long ToWire(DateTime deadlineUtc, DateTime nowUtc)
    {
        if (deadlineUtc.Kind == DateTimeKind.Local)
        {
            deadlineUtc = deadlineUtc.ToUniversalTime();
        }

        var remainingTicks = deadlineUtc.Ticks - nowUtc.Ticks;
        return remainingTicks <= 0 ? 0 : remainingTicks / TimeSpan.TicksPerMicrosecond;
    }

    /// <summary>
    /// The deadline <paramref name="remainingMicros"/> after <paramref name="nowUtc"/>: now itself (already due) for 0
    /// or less, <see cref="DateTime.MaxValue"/> when the sum would not fit (a sender with no real deadline).
    /// </summary>
    public static DateTime FromWire(long remainingMicros, DateTime nowUtc)
    {
        if (remainingMicros <= 0)
        {
            return nowUtc;
        }

        var maxMicros = (DateTime.MaxValue.Ticks - nowUtc.Ticks) / TimeSpan.TicksPerMicrosecond;
        return remainingMicros >= maxMicros ? MaxUtc : nowUtc.AddTicks(remainingMicros * TimeSpan.TicksPerMicrosecond);
    }
}
