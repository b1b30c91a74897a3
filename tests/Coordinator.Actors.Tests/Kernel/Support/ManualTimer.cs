namespace PairDb.Actors.Tests.Kernel.Support;

/// <summary>A timer of <see cref="ManualTimeProvider"/>; due time and period are kept under the provider's lock.</summary>
public sealed class ManualTimer : ITimer
{
    private readonly ManualTimeProvider _provider;
    private readonly TimerCallback _callback;
    private readonly object? _state;

    public ManualTimer(ManualTimeProvider provider, TimerCallback callback, object? state)
    {
        _provider = provider;
        _callback = callback;
        _state = state;
    }

    internal DateTimeOffset Due { get; set; }

    internal TimeSpan Period { get; set; }

    public bool Change(TimeSpan dueTime, TimeSpan period)
    {
        _provider.Schedule(this, dueTime, period);
        return true;
    }

    public void Dispose() => _provider.Remove(this);

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    internal void Fire() => _callback(_state);
}
