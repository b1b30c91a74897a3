namespace PairDb.Actors.Kernel;

/// <summary>Carries a task's outcome back to the actor that started it (see <see cref="IActorContext.PipeToSelf"/>).</summary>
internal sealed class PipedTask<T> : IPipedResult
{
    private readonly ActorCell _cell;
    private readonly Task<T> _task;
    private readonly Func<T, object> _onSuccess;
    private readonly Func<Exception, object> _onFailure;

    public PipedTask(ActorCell cell, Task<T> task, Func<T, object> onSuccess, Func<Exception, object> onFailure)
    {
        _cell = cell;
        _task = task;
        _onSuccess = onSuccess;
        _onFailure = onFailure;
    }

    public void Start() =>
        _task.ContinueWith(
            static (_, state) => ((PipedTask<T>)state!).Deliver(),
            this,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

    /// <summary>Runs on the actor, so a throwing mapping crashes and restarts it like a throwing handler.</summary>
    public object Map()
    {
        if (_task.IsCompletedSuccessfully)
        {
            return _onSuccess(_task.Result);
        }

        return _onFailure(_task.Exception?.InnerException ?? new TaskCanceledException(_task));
    }

    private void Deliver() => _cell.EnqueueSystem(this);
}
