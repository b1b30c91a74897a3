namespace PairDb.Client.Internal;

/// <summary>The action after a failed attempt and how long to wait before it.</summary>
internal readonly record struct RetryDecision(RetryAction Action, TimeSpan Delay)
{
    public static RetryDecision Fail { get; } = new(RetryAction.Fail, TimeSpan.Zero);
}
