namespace PairDb.Coordinator.Stores.Postgres;

/// <summary>Instants as PostgreSQL's timestamptz keeps them: UTC, microsecond precision.</summary>
internal static class PostgresTime
{
    /// <summary>The UTC instant <paramref name="instant"/> reads back as (sub-microsecond ticks dropped).</summary>
    public static DateTimeOffset Truncate(DateTimeOffset instant)
    {
        var ticks = instant.UtcTicks;
        return new DateTimeOffset(ticks - (ticks % TimeSpan.TicksPerMicrosecond), TimeSpan.Zero);
    }
}
