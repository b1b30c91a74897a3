namespace PairDb.Actors.Tests.Domain.Support;

/// <summary>
/// Lets a fixed number of callers through, then holds every further one until <see cref="Open"/> or until the
/// caller's token is cancelled: a spec stops a background flow (a migration's scans, a decision) at a known step.
/// </summary>
public sealed class Gate
{
    private readonly Lock _lock = new();
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _passesLeft;
    private int _held;
    private int _abandoned;

    /// <param name="passes">Callers let through before the gate starts holding.</param>
    public Gate(int passes = 0)
    {
        _passesLeft = passes;
    }

    /// <summary>Callers that reached the gate while it held (whether still waiting or not).</summary>
    public int Held => Volatile.Read(ref _held);

    /// <summary>Held callers whose wait was cancelled (their flow was stopped).</summary>
    public int Abandoned => Volatile.Read(ref _abandoned);

    public Task PassAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_open.Task.IsCompleted)
            {
                return Task.CompletedTask;
            }

            if (_passesLeft > 0)
            {
                _passesLeft--;
                return Task.CompletedTask;
            }

            _held++;
        }

        return WaitAsync(cancellationToken);
    }

    /// <summary>Releases every held caller and lets all later ones through.</summary>
    public void Open() => _open.TrySetResult();

    private async Task WaitAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _open.Task.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            Interlocked.Increment(ref _abandoned);
            throw;
        }
    }
}
