namespace PairDb.Actors.Kernel;

/// <summary>
/// The runtime of one actor: its mailbox, its processing loop, supervision (restart, restart limit) and stop.
/// Everything that touches the actor instance runs on the loop, one message at a time.
/// </summary>
internal sealed partial class ActorCell : IActorContext
{
    /// <summary>Mailbox marker an entity's idle timer sends; handled by the kernel, never seen by the actor.</summary>
    public static readonly object IdleCheck = new();

    // Status word shared with other threads: Tell reads it, passivation moves it to Stopped by CAS. Whether an
    // idle actor can passivate is part of the word, so an evicting thread decides on one atomic read: a
    // separate flag could be stale by the time the actor went idle again after becoming busy.
    private const int Running = 0;
    private const int IdlePassivatable = 1;
    private const int IdleBusy = 2;
    private const int Stopped = 3;

    private readonly Props _props;
    private readonly ICellObserver? _observer;
    private readonly string? _path;
    private TimerScheduler? _timers;
    private TaskCompletionSource? _stopped;
    private int _finished;
    private Actor? _actor;
    private IActorRef _sender = Nobody.Instance;
    private int _status = Running; // Running until the first instance has started, so nothing passivates it early.
    private int _userCount;
    private long _lastActivityTicks;
    private bool _stopRequested;
    private int _restartsInWindow;
    private DateTimeOffset _restartWindowStart = DateTimeOffset.MinValue;

    // path: null for an entity, whose observer builds it only when asked.
    public ActorCell(ActorSystem system, Props props, string? path, ICellObserver? observer)
    {
        System = system;
        _props = props;
        _path = path;
        _observer = observer;
        Self = new LocalActorRef(this);
        _lastActivityTicks = system.TimeProvider.GetUtcNow().UtcTicks;
    }

    public ActorSystem System { get; }

    public string Path => _path ?? _observer?.CellPath ?? string.Empty;

    public IActorRef Self { get; }

    public IActorRef Sender => _sender;

    // Created on first use: most entities never start a timer, and every byte counts at 100,000 live entities.
    public ITimerScheduler Timers => _timers ??= new TimerScheduler(this);

    /// <summary>Completes once the cell has stopped and its last instance ran PostStop.</summary>
    public Task Completion
    {
        get
        {
            // Created on first use too (only a successor incarnation or the system's disposal waits for it).
            // The stop path sets _finished before reading _stopped, and this sets _stopped before reading
            // _finished, so whichever runs second completes the source.
            var source = Volatile.Read(ref _stopped);
            if (source is null)
            {
                var created = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                source = Interlocked.CompareExchange(ref _stopped, created, null) ?? created;
            }

            if (Volatile.Read(ref _finished) == 1)
            {
                source.TrySetResult();
            }

            return source.Task;
        }
    }

    /// <summary>When the last user message was taken from the mailbox (timer ticks and piped results do not count).</summary>
    public DateTimeOffset LastActivity => new(Volatile.Read(ref _lastActivityTicks), TimeSpan.Zero);

    public void Stop() => _stopRequested = true;

    public void PipeToSelf<T>(Task<T> task, Func<T, object> onSuccess, Func<Exception, object> onFailure)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(onSuccess);
        ArgumentNullException.ThrowIfNull(onFailure);
        new PipedTask<T>(this, task, onSuccess, onFailure).Start();
    }

    /// <summary>Stops from outside (ActorSystem.Stop): the current message finishes, queued ones are refused.</summary>
    public void RequestStop()
    {
        if (Interlocked.Exchange(ref _status, Stopped) != Stopped)
        {
            CompleteMailbox();
        }
    }

    // Both passivation entry points require the caller to hold the shard lock, so no message can be routed
    // here meanwhile: an empty mailbox stays empty until the decision is made.

    /// <summary>From the entity's own loop (idle check): passivates if nothing is queued and the actor can.</summary>
    public bool TryPassivateFromLoop() =>
        Volatile.Read(ref _userCount) == 0 && ActorCanPassivate() && TryPassivate(Running);

    /// <summary>From another thread (eviction): only an actor between messages that last said it can passivate.</summary>
    public bool TryPassivateIdle() => Volatile.Read(ref _userCount) == 0 && TryPassivate(IdlePassivatable);

    /// <summary>Idle to Running, unless stopped meanwhile (the only change another thread makes to an idle cell).</summary>
    private bool TryEnterRunning()
    {
        var status = Volatile.Read(ref _status);
        while (status != Stopped)
        {
            var seen = Interlocked.CompareExchange(ref _status, Running, status);
            if (seen == status)
            {
                return true;
            }

            status = seen;
        }

        return false;
    }

    /// <summary>Running to idle, recording whether the actor can passivate now; false if stopped meanwhile.</summary>
    private bool TryLeaveRunning()
    {
        var idle = ActorCanPassivate() ? IdlePassivatable : IdleBusy;
        return Interlocked.CompareExchange(ref _status, idle, Running) == Running;
    }

    private bool ActorCanPassivate()
    {
        try
        {
            return _actor!.CanPassivate;
        }
        catch (Exception)
        {
            // An actor that cannot tell is treated as busy: keeping it is safe, passivating it might lose work.
            return false;
        }
    }

    private bool TryPassivate(int expected)
    {
        if (Interlocked.CompareExchange(ref _status, Stopped, expected) != expected)
        {
            return false;
        }

        CompleteMailbox();
        return true;
    }

    private async ValueTask DispatchAsync(Envelope envelope)
    {
        var message = envelope.Message;
        if (ReferenceEquals(message, IdleCheck))
        {
            _observer?.OnIdleCheck(this);
            return;
        }

        if (message is TimerEntry tick && (_timers is null || !_timers.TryTake(tick, out message)))
        {
            return;
        }

        if (!envelope.IsSystem)
        {
            Volatile.Write(ref _lastActivityTicks, System.TimeProvider.GetUtcNow().UtcTicks);
        }

        _sender = envelope.Sender ?? Nobody.Instance;
        try
        {
            if (message is IPipedResult piped)
            {
                message = piped.Map();
            }

            await _actor!.ReceiveAsync(message).ConfigureAwait(false);
        }
        catch (Exception error)
        {
            Restart(envelope, error);
        }
        finally
        {
            _sender = Nobody.Instance;
        }
    }

    private void FinishStop()
    {
        Volatile.Write(ref _status, Stopped);
        StopInstance();
        CompleteMailbox();
        while (TryTakeAfterStop(out var envelope))
        {
            Refuse(envelope);
        }

        System.OnCellStopped(this);
        _observer?.OnStopped(this);
        Interlocked.Exchange(ref _finished, 1); // a full fence: the read below cannot move before this write
        Volatile.Read(ref _stopped)?.TrySetResult();
    }

    private void Refuse(Envelope envelope)
    {
        if (!envelope.IsSystem && envelope.Sender is IReplyPromise promise)
        {
            promise.Fail(new ActorStoppedException(Path));
        }
    }
}
