namespace PairDb.Client.Internal;

/// <summary>What a failed attempt leads to.</summary>
internal enum RetryAction
{
    /// <summary>The call fails with this attempt's error.</summary>
    Fail,

    /// <summary>Try the same coordinator again after the delay.</summary>
    RetrySameAddress,

    /// <summary>Move to the next coordinator address and try there after the delay.</summary>
    RetryNextAddress,
}
