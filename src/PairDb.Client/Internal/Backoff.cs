namespace PairDb.Client.Internal;

/// <summary>Exponential backoff with jitter: the n-th retry waits between half and all of min(max, initial * 2^(n-1)).</summary>
internal static class Backoff
{
    /// <param name="retry">Which retry this is, from 1.</param>
    /// <param name="options">Initial and largest backoff.</param>
    /// <param name="jitter">A uniform sample in [0, 1).</param>
    public static TimeSpan Delay(int retry, PairDbRetryOptions options, double jitter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retry, 1);
        ArgumentNullException.ThrowIfNull(options);
        // In doubles: 2^(retry-1) may exceed a long's range long after MaxBackoff caps it.
        var ceiling = Math.Min(options.InitialBackoff.Ticks * Math.Pow(2, retry - 1), options.MaxBackoff.Ticks);
        return TimeSpan.FromTicks((long)(ceiling * (0.5 + (0.5 * Math.Clamp(jitter, 0, 1)))));
    }
}
