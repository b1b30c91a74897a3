namespace PairDb.Client;

/// <summary>
/// How a call is retried: UNAVAILABLE and connection failures move to the next coordinator address; ABORTED (the same
/// idempotency key in progress) and RESOURCE_EXHAUSTED (overload) are retried with exponential backoff and jitter;
/// all within the call's deadline. Other failures are never retried.
/// </summary>
public sealed class PairDbRetryOptions
{
    /// <summary>Attempts of one call in all, the first included (1: never retry). Default 5.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The backoff before the first retry; each further retry doubles it up to <see cref="MaxBackoff"/>. Default 50 ms.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>The longest backoff. Default 2 s.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Wait at least the coordinator's retry-after-ms hint after RESOURCE_EXHAUSTED (true), or only the backoff
    /// (false). Default true.
    /// </summary>
    public bool HonourRetryAfter { get; set; } = true;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxAttempts, 1, "Retry." + nameof(MaxAttempts));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(InitialBackoff, TimeSpan.Zero, "Retry." + nameof(InitialBackoff));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBackoff, InitialBackoff, "Retry." + nameof(MaxBackoff));
    }
}
