namespace PairDb.Actors.Kernel;

/// <summary>
/// The temporary reference an Ask passes as sender: the first reply, the deadline, cancellation,
/// a crash or a stop completes it; everything after is ignored.
/// </summary>
internal sealed class AskPromise<TReply> : IActorRef, IReplyPromise
{
    private readonly TaskCompletionSource<TReply> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly IActorRef _target;
    private readonly TimeSpan _timeout;
    private ITimer? _deadline;
    private CancellationTokenRegistration _cancellation;

    public AskPromise(IActorRef target, TimeSpan timeout)
    {
        // The target, not its path: an entity builds its path only when one is needed (an error, a log line).
        _target = target;
        _timeout = timeout;
    }

    public Task<TReply> Task => _completion.Task;

    public string Path => _target.Path + "/$ask";

    /// <summary>An Ask must carry a finite, positive deadline: an unbounded one could hang its caller.</summary>
    public static void ValidateTimeout(TimeSpan timeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
    }

    public void Start(TimeProvider time, CancellationToken cancellationToken)
    {
        _deadline = time.CreateTimer(
            static state => ((AskPromise<TReply>)state!).Expire(), this, _timeout, Timeout.InfiniteTimeSpan);
        if (cancellationToken.CanBeCanceled)
        {
            _cancellation = cancellationToken.UnsafeRegister(
                static (state, token) => ((AskPromise<TReply>)state!).Cancel(token), this);
        }

        // The reply, the deadline or the token may have won before the fields above were set.
        if (_completion.Task.IsCompleted)
        {
            Release();
        }
    }

    public TellResult Tell(object message, IActorRef? sender = null)
    {
        if (message is TReply reply)
        {
            if (_completion.TrySetResult(reply))
            {
                Release();
            }
        }
        else
        {
            Fail(new InvalidCastException(
                $"Ask to {_target.Path} expected a {typeof(TReply).Name} reply but got {message.GetType().Name}."));
        }

        return TellResult.Delivered;
    }

    public Task<T> Ask<T>(object message, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        System.Threading.Tasks.Task.FromException<T>(new NotSupportedException("An ask reply channel accepts replies only."));

    public void Fail(Exception error)
    {
        if (_completion.TrySetException(error))
        {
            Release();
        }
    }

    private void Expire() => Fail(new AskTimeoutException(_target.Path, _timeout));

    private void Cancel(CancellationToken token)
    {
        if (_completion.TrySetCanceled(token))
        {
            Release();
        }
    }

    private void Release()
    {
        _deadline?.Dispose();
        _cancellation.Unregister();
    }
}
