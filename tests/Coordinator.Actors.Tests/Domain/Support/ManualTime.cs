using Akka.TestKit;

namespace PairDb.Actors.Tests.Domain.Support;

/// <summary>Moves of the TestScheduler's clock for effects that follow a timer asynchronously.</summary>
public static class ManualTime
{
    private static readonly TimeSpan SettleTime = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Advances by <paramref name="step"/> until the condition holds: each step fires the due timers and gives their
    /// effects a moment to land; a check that came too early (the actor was still finishing) re-arms for the next
    /// step. Only the number of steps depends on thread timing, never the outcome. Bounded in steps.
    /// </summary>
    public static async Task AdvanceUntilAsync(this TestScheduler scheduler, TimeSpan step, Func<bool> condition, int maxSteps = 20)
    {
        for (var i = 0; i < maxSteps; i++)
        {
            if (condition())
            {
                return;
            }

            scheduler.Advance(step);
            var settleUntil = DateTime.UtcNow + SettleTime;
            while (!condition() && DateTime.UtcNow < settleUntil)
            {
                await Task.Delay(1);
            }
        }

        if (!condition())
        {
            throw new TimeoutException($"Condition not reached within {maxSteps} steps of {step}.");
        }
    }
}
