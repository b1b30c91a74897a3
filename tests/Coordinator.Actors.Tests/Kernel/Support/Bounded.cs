namespace PairDb.Actors.Tests.Kernel.Support;

/// <summary>
/// Real-time safety net for awaits in tests: a kernel bug fails the test after this bound instead of hanging
/// the run. It never asserts speed; kernel time itself runs on <see cref="ManualTimeProvider"/>.
/// </summary>
public static class Bounded
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    public static Task<T> WithinBound<T>(this Task<T> task) => task.WaitAsync(Limit);

    public static Task WithinBound(this Task task) => task.WaitAsync(Limit);

    /// <summary>Waits for a condition that becomes true asynchronously; fails the test at the bound.</summary>
    public static async Task UntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Limit;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Condition not reached within the test bound.");
            }

            await Task.Delay(1);
        }
    }
}
