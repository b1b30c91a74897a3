using Grpc.Core;

namespace PairDb.Client.Internal;

/// <summary>
/// The retry and failover decision after a failed attempt, as pure logic. UNAVAILABLE and lost connections move to
/// the next address: at once while this call has not yet tried every address, then with backoff. RESOURCE_EXHAUSTED
/// waits the longer of the backoff and the retry-after hint (when honoured); ABORTED waits the backoff; both stay on
/// the same address. Everything else, and any failure once <see cref="PairDbRetryOptions.MaxAttempts"/> attempts were
/// made, fails the call. The caller still checks the delay against the call's deadline.
/// </summary>
internal static class RetryRules
{
    /// <param name="failure">The attempt that failed.</param>
    /// <param name="attempt">Its number within the call, from 1.</param>
    /// <param name="addressCount">How many coordinator addresses the client has.</param>
    /// <param name="options">The retry policy.</param>
    /// <param name="jitter">A uniform sample in [0, 1) that spreads the backoff.</param>
    public static RetryDecision Decide(FailedAttempt failure, int attempt, int addressCount, PairDbRetryOptions options, double jitter)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (attempt >= options.MaxAttempts)
        {
            return RetryDecision.Fail;
        }

        if (failure.ConnectionLost || failure.Code == StatusCode.Unavailable)
        {
            var delay = attempt < addressCount ? TimeSpan.Zero : Backoff.Delay(attempt - addressCount + 1, options, jitter);
            return new RetryDecision(RetryAction.RetryNextAddress, delay);
        }

        return failure.Code switch
        {
            StatusCode.ResourceExhausted => new RetryDecision(RetryAction.RetrySameAddress, WithHint(Backoff.Delay(attempt, options, jitter), failure.RetryAfter, options)),
            StatusCode.Aborted => new RetryDecision(RetryAction.RetrySameAddress, Backoff.Delay(attempt, options, jitter)),
            _ => RetryDecision.Fail,
        };
    }

    private static TimeSpan WithHint(TimeSpan backoff, TimeSpan? retryAfter, PairDbRetryOptions options) =>
        options.HonourRetryAfter && retryAfter is { } hint && hint > backoff ? hint : backoff;
}
