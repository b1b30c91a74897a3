namespace PairDb.Actors.Kernel;

/// <summary>
/// The mailbox and the loop that drains it. The mailbox is a queue under a lock, and the loop runs as a
/// thread-pool work item only while messages wait: an idle actor holds no task, no waiting reader and no
/// thread, which is what keeps a hundred thousand live entities cheap.
/// </summary>
internal sealed partial class ActorCell : IThreadPoolWorkItem
{
    /// <summary>Messages handled per turn before the loop yields its thread to other actors.</summary>
    private const int Throughput = 64;

    // The mailbox: the oldest message in _head, the rest in _overflow, created only when a second message waits
    // (most entities never see two at once, and an empty queue still costs about 150 bytes). All guarded by _lock.
    private readonly Lock _lock = new();
    private Envelope _head;
    private bool _hasHead;
    private Queue<Envelope>? _overflow;

    // Guarded by _lock too. _scheduled: a turn is queued or running (true from construction until Start's
    // first turn, so nothing runs before the instance exists). _closed: no more messages.
    private bool _scheduled = true;
    private bool _closed;

    // Touched only by the loop (one turn at a time): whether the first turn has created the instance.
    private bool _started;

    /// <summary>Starts the loop; with a predecessor (a passivating incarnation) messages wait until it has stopped.</summary>
    public void Start(Task? predecessor)
    {
        if (predecessor is null || predecessor.IsCompleted)
        {
            Schedule();
            return;
        }

        predecessor.ContinueWith(
            static (_, state) => ((ActorCell)state!).Schedule(),
            this,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    void IThreadPoolWorkItem.Execute()
    {
        try
        {
            RunTurn();
        }
        catch (Exception)
        {
            // Whatever broke the loop itself (the actor's own exceptions never reach here), pending asks must
            // fail and the shard must learn of it: never hang.
            FinishStop();
        }
    }

    /// <summary>False once the mailbox is closed (stopped or passivated): the message was not queued.</summary>
    private bool Enqueue(Envelope envelope)
    {
        bool schedule;
        lock (_lock)
        {
            if (_closed)
            {
                return false;
            }

            if (!_hasHead && (_overflow is null || _overflow.Count == 0))
            {
                _head = envelope;
                _hasHead = true;
            }
            else
            {
                (_overflow ??= new Queue<Envelope>()).Enqueue(envelope);
            }

            schedule = !_scheduled;
            _scheduled = true;
        }

        if (schedule)
        {
            Schedule();
        }

        return true;
    }

    private void CompleteMailbox()
    {
        bool schedule;
        lock (_lock)
        {
            if (_closed)
            {
                return;
            }

            // An idle loop is woken so that it sees the close, refuses what is queued and stops.
            _closed = true;
            schedule = !_scheduled;
            _scheduled = true;
        }

        if (schedule)
        {
            Schedule();
        }
    }

    private void Schedule() => ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);

    private void RunTurn()
    {
        if (!_started)
        {
            _started = true;
            if (!TryStartInstance() || !TryLeaveRunning())
            {
                FinishStop();
                return;
            }
        }

        for (var handled = 0; handled < Throughput; handled++)
        {
            if (!TryTake(out var envelope, out var closed))
            {
                if (closed)
                {
                    FinishStop();
                }

                return;
            }

            if (!TryEnterRunning())
            {
                Refuse(envelope);
                FinishStop();
                return;
            }

            // Counted down only once Running, so an evicting thread never sees an empty mailbox while
            // a dequeued message is still about to be handled.
            if (!envelope.IsSystem)
            {
                Interlocked.Decrement(ref _userCount);
            }

            var handling = DispatchAsync(envelope);
            if (!handling.IsCompleted)
            {
                _ = ContinueAfterAsync(handling);
                return;
            }

            if (!AfterMessage())
            {
                return;
            }
        }

        // A busy actor yields its thread after a turn; it stays scheduled, so no message can start a second loop.
        Schedule();
    }

    /// <summary>An actor that awaited inside its handler: the loop resumes once the handler completes.</summary>
    private async Task ContinueAfterAsync(ValueTask handling)
    {
        try
        {
            await handling.ConfigureAwait(false);
            if (AfterMessage())
            {
                Schedule();
            }
        }
        catch (Exception)
        {
            FinishStop();
        }
    }

    /// <summary>After a handled message: false (and the cell finished) if the actor stopped or was stopped.</summary>
    private bool AfterMessage()
    {
        if (_stopRequested || !TryLeaveRunning())
        {
            FinishStop();
            return false;
        }

        return true;
    }

    /// <summary>Takes the next message, or marks the loop unscheduled (under the same lock) when there is none.</summary>
    private bool TryTake(out Envelope envelope, out bool closed)
    {
        lock (_lock)
        {
            closed = _closed;
            if (TryDequeueLocked(out envelope))
            {
                return true;
            }

            if (!closed)
            {
                _scheduled = false;
            }

            return false;
        }
    }

    /// <summary>Drains what is left once stopped (the mailbox is closed, so nothing more arrives).</summary>
    private bool TryTakeAfterStop(out Envelope envelope)
    {
        lock (_lock)
        {
            return TryDequeueLocked(out envelope);
        }
    }

    /// <summary>The head first, then the overflow in order (a message goes to the head only when both are empty).</summary>
    private bool TryDequeueLocked(out Envelope envelope)
    {
        if (_hasHead)
        {
            envelope = _head;
            _head = default;
            _hasHead = false;
            return true;
        }

        if (_overflow is not null)
        {
            return _overflow.TryDequeue(out envelope);
        }

        envelope = default;
        return false;
    }
}
