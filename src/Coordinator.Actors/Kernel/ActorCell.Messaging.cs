namespace PairDb.Actors.Kernel;

/// <summary>The sending side of a cell: admission against the mailbox bound.</summary>
internal sealed partial class ActorCell
{
    public TellResult Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        var admitted = TryAdmit();
        if (admitted != TellResult.Delivered)
        {
            return admitted;
        }

        if (Enqueue(new Envelope(message, sender, IsSystem: false)))
        {
            return TellResult.Delivered;
        }

        Interlocked.Decrement(ref _userCount);
        return TellResult.Stopped;
    }

    public Task<TReply> Ask<TReply>(object message, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        AskPromise<TReply>.ValidateTimeout(timeout);
        var admitted = TryAdmit();
        if (admitted == TellResult.MailboxFull)
        {
            return Task.FromException<TReply>(new MailboxFullException(Path, _props.MailboxCapacity));
        }

        if (admitted == TellResult.Stopped)
        {
            return Task.FromException<TReply>(new ActorStoppedException(Path));
        }

        var promise = new AskPromise<TReply>(Self, timeout);
        promise.Start(System.TimeProvider, cancellationToken);
        if (!Enqueue(new Envelope(message, promise, IsSystem: false)))
        {
            Interlocked.Decrement(ref _userCount);
            promise.Fail(new ActorStoppedException(Path));
        }

        return promise.Task;
    }

    /// <summary>Enqueues a kernel message (timer tick, piped result, idle check); dropped only once stopped.</summary>
    public void EnqueueSystem(object message) => Enqueue(new Envelope(message, Sender: null, IsSystem: true));

    private TellResult TryAdmit()
    {
        if (Volatile.Read(ref _status) == Stopped)
        {
            return TellResult.Stopped;
        }

        if (Interlocked.Increment(ref _userCount) > _props.MailboxCapacity)
        {
            Interlocked.Decrement(ref _userCount);
            System.CountMailboxOverflow();
            return TellResult.MailboxFull;
        }

        return TellResult.Delivered;
    }
}
