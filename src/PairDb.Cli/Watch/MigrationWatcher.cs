using PairDb.Cli.Output.Views;

namespace PairDb.Cli.Watch;

/// <summary>
/// Polls a migration until it completes, fails or is cancelled: one status call, report it, wait the interval
/// (on the injected clock), repeat. Errors of a poll end the watch; the caller maps them to an exit code.
/// </summary>
public sealed class MigrationWatcher
{
    private readonly Func<CancellationToken, Task<MigrationView>> _poll;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;

    public MigrationWatcher(Func<CancellationToken, Task<MigrationView>> poll, TimeSpan interval, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(poll);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        _poll = poll;
        _interval = interval;
        _time = time;
    }

    /// <summary>Returns the first terminal state; <paramref name="onUpdate"/> sees every polled state, that one included.</summary>
    public async Task<MigrationView> WatchAsync(Action<MigrationView> onUpdate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(onUpdate);
        while (true)
        {
            var state = await _poll(cancellationToken);
            onUpdate(state);
            if (MigrationStates.IsTerminal(state.Status))
            {
                return state;
            }

            await Task.Delay(_interval, _time, cancellationToken);
        }
    }
}
