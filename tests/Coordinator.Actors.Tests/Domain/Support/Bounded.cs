namespace PairDb.Actors.Tests.Domain.Support;

/// <summary>
/// Real-time safety net for awaits in specs: a bug fails the spec after this bound instead of hanging the run.
/// It never asserts speed; actors' own time runs on the TestScheduler where a spec needs it.
/// </summary>
public static class Bounded
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    public static Task<T> WithinBound<T>(this Task<T> task) => task.WaitAsync(Limit);

    public static Task WithinBound(this Task task) => task.WaitAsync(Limit);

    /// <summary>Waits for a condition that becomes true asynchronously; fails the spec at the bound.</summary>
    public static async Task UntilAsync(Func<bool> condition, TimeSpan? bound = null)
    {
        var deadline = DateTime.UtcNow + (bound ?? Limit);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Condition not reached within the test bound.");
            }

            await Task.Delay(5);
        }
    }

    /// <summary>Waits for a condition that must be asked asynchronously; fails the spec at the bound.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Limit;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Condition not reached within the test bound.");
            }

            await Task.Delay(5);
        }
    }
}
