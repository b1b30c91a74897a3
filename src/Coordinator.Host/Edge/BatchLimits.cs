namespace PairDb.Coordinator.Edge;

/// <summary>
/// The bounds of a batch call: at most <paramref name="MaxKeys"/> keys (limits.max_batch_keys); the results of a
/// BatchRead fill at most <paramref name="MaxAnswerBytes"/> (the coordinator's answer limit less room for the
/// envelope), further found keys are answered RESOURCE_EXHAUSTED; a RESOURCE_EXHAUSTED item advises
/// <paramref name="RetryAfter"/> (requests.retry_after_ms, as the retry-after-ms trailer of a single call).
/// </summary>
public sealed record BatchLimits(int MaxKeys, int MaxAnswerBytes, TimeSpan RetryAfter)
{
    /// <summary>The default of limits.max_batch_keys.</summary>
    public const int DefaultMaxKeys = 100;

    /// <summary>The highest limits.max_batch_keys accepted: a batch's results must fit one answer.</summary>
    public const int HighestMaxKeys = 1000;
}
