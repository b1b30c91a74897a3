namespace PairDb.Actors.Kernel;

/// <summary>
/// Keyed timers that send a message to their actor (Akka's ITimerScheduler). Starting a key replaces its
/// timer; a cancelled or replaced timer never delivers, even a tick already queued. Timers die with
/// the actor instance (restart or stop). Use only from the actor's own handlers.
/// </summary>
public interface ITimerScheduler
{
    /// <summary>Sends <paramref name="message"/> once after <paramref name="delay"/>.</summary>
    void StartSingleTimer(object key, object message, TimeSpan delay);

    /// <summary>
    /// Sends <paramref name="message"/> every <paramref name="interval"/>. A tick is skipped while the previous
    /// one is still queued, so a slow actor never accumulates ticks.
    /// </summary>
    void StartPeriodicTimer(object key, object message, TimeSpan interval);

    /// <summary>Whether a timer with this key is pending.</summary>
    bool IsTimerActive(object key);

    /// <summary>Cancels the timer with this key, if any.</summary>
    void Cancel(object key);

    /// <summary>Cancels every timer of this actor.</summary>
    void CancelAll();
}
