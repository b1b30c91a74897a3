using Grpc.Core;

namespace PairDb.Coordinator.Replicas;

/// <summary>
/// Coalesces calls of one kind to one storage node. While fewer than <see cref="CoalescingLimits.MaxInFlight"/> RPCs
/// are outstanding a call goes out alone at once, so a lightly loaded coordinator adds no latency; beyond that, calls
/// queue, and each RPC that returns takes what is queued (up to <see cref="CoalescingLimits.MaxBatch"/> calls and
/// <see cref="CoalescingLimits.MaxBatchBytes"/> request bytes, always at least one call) out as one batch RPC. Under
/// load the per-call HTTP/2 cost (headers, stream, trailers, tasks) is then shared by a batch, and the storage node's
/// single writer commits the batch's writes in one group. Every call still ends on its own: with its
/// response, or the RpcException its own call would have thrown. A call the storage node deferred (its answer to the
/// batch was full) goes out again ahead of the queue.
/// </summary>
internal sealed class CallCoalescer<TRequest, TResponse>
    where TResponse : class
{
    /// <summary>Deadlines beyond this are treated as this far away (only to keep timestamp arithmetic in range).</summary>
    private static readonly TimeSpan MaxTimeout = TimeSpan.FromDays(1);
    private readonly Lock _lock = new();
    private readonly Queue<Pending> _queue = new();
    private readonly Queue<Pending> _deferred = new();
    private readonly CoalescingLimits _limits;
    private readonly Func<TRequest, int> _size;
    private readonly Func<TRequest, TimeSpan, Task<TResponse>> _single;
    private readonly Func<List<TRequest>, TimeSpan, Task<ItemOutcome<TResponse>[]>> _batch;
    private readonly TimeProvider _time;
    private int _inFlight;
    private long _batchesSent;

    /// <param name="limits">In-flight, batch and queue bounds.</param>
    /// <param name="size">The bytes a call adds to a batch request.</param>
    /// <param name="single">One call as its own RPC; throws RpcException.</param>
    /// <param name="batch">Several calls as one RPC, outcomes in request order (deferred ones included); throws RpcException when the RPC itself fails.</param>
    /// <param name="time">Source of timestamps for queued calls' deadlines; the system clock when null.</param>
    public CallCoalescer(
        CoalescingLimits limits,
        Func<TRequest, int> size,
        Func<TRequest, TimeSpan, Task<TResponse>> single,
        Func<List<TRequest>, TimeSpan, Task<ItemOutcome<TResponse>[]>> batch,
        TimeProvider? time = null)
    {
        _limits = limits.Validated();
        _size = size;
        _single = single;
        _batch = batch;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>RPCs outstanding now (for tests and diagnostics).</summary>
    public int InFlight
    {
        get
        {
            lock (_lock)
            {
                return _inFlight;
            }
        }
    }

    /// <summary>Batch RPCs sent so far (each carrying two or more calls).</summary>
    public long BatchesSent => Interlocked.Read(ref _batchesSent);

    /// <summary>Makes the call, alone or in a batch; throws RpcException as the call's own RPC would.</summary>
    public Task<TResponse> CallAsync(TRequest request, TimeSpan timeout)
    {
        lock (_lock)
        {
            if (_inFlight >= _limits.MaxInFlight)
            {
                if (_queue.Count >= _limits.MaxQueued)
                {
                    return Task.FromException<TResponse>(new RpcException(new Status(
                        StatusCode.ResourceExhausted, $"{_limits.MaxQueued} calls to this storage node are already queued (replicas.max_queued).")));
                }

                var bounded = timeout < MaxTimeout ? timeout : MaxTimeout;
                var pending = new Pending(request, _size(request), _time.GetTimestamp() + (long)(bounded.TotalSeconds * _time.TimestampFrequency));
                _queue.Enqueue(pending);
                return pending.Completion.Task;
            }

            _inFlight++;
        }

        return RunAloneAsync(request, timeout);
    }

    private async Task<TResponse> RunAloneAsync(TRequest request, TimeSpan timeout)
    {
        try
        {
            return await _single(request, timeout);
        }
        finally
        {
            _ = DrainAsync();
        }
    }

    /// <summary>Keeps this RPC slot busy with queued calls until the queue is empty, then frees it.</summary>
    private async Task DrainAsync()
    {
        while (TakeBatch() is { } batch)
        {
            await SendAsync(batch);
        }
    }

    /// <summary>The next batch: deferred calls first, then queued ones, within the limits; null (slot freed) when none wait.</summary>
    private List<Pending>? TakeBatch()
    {
        lock (_lock)
        {
            if (_deferred.Count == 0 && _queue.Count == 0)
            {
                _inFlight--;
                return null;
            }

            var batch = new List<Pending>(Math.Min(_deferred.Count + _queue.Count, _limits.MaxBatch));
            long bytes = 0;
            Take(_deferred, batch, ref bytes);
            Take(_queue, batch, ref bytes);
            return batch;
        }
    }

    private void Take(Queue<Pending> source, List<Pending> batch, ref long bytes)
    {
        while (source.TryPeek(out var next) && _limits.Admits(batch.Count, bytes, next.Bytes))
        {
            batch.Add(source.Dequeue());
            bytes += next.Bytes;
        }
    }

    /// <summary>Sends a batch (a single call alone) and ends every call in it; never throws.</summary>
    private async Task SendAsync(List<Pending> batch)
    {
        var timeout = RemainingOfLatest(batch);
        try
        {
            if (batch.Count == 1)
            {
                batch[0].Completion.TrySetResult(await _single(batch[0].Request, timeout));
                return;
            }

            var requests = new List<TRequest>(batch.Count);
            foreach (var pending in batch)
            {
                requests.Add(pending.Request);
            }

            Interlocked.Increment(ref _batchesSent);
            var outcomes = await _batch(requests, timeout);
            if (outcomes.Length != batch.Count)
            {
                throw new RpcException(new Status(StatusCode.Internal, $"The storage node answered {outcomes.Length} results for a batch of {batch.Count} calls."));
            }

            var deferred = 0;
            for (var i = 0; i < batch.Count; i++)
            {
                if (outcomes[i].Deferred)
                {
                    deferred++;
                }
                else if (outcomes[i].Error is { } error)
                {
                    batch[i].Completion.TrySetException(error);
                }
                else
                {
                    batch[i].Completion.TrySetResult(outcomes[i].Response!);
                }
            }

            if (deferred == batch.Count)
            {
                // A node that answers nothing of a batch would have it sent forever.
                throw new RpcException(new Status(StatusCode.Internal, $"The storage node deferred every call of a batch of {batch.Count}."));
            }

            Defer(batch, outcomes);
        }
        catch (Exception ex)
        {
            var error = ex as RpcException ?? new RpcException(new Status(StatusCode.Internal, "Batch call failed: " + ex.Message, ex));
            foreach (var pending in batch)
            {
                pending.Completion.TrySetException(error);
            }
        }
    }

    private void Defer(List<Pending> batch, ItemOutcome<TResponse>[] outcomes)
    {
        lock (_lock)
        {
            for (var i = 0; i < batch.Count; i++)
            {
                if (outcomes[i].Deferred)
                {
                    _deferred.Enqueue(batch[i]);
                }
            }
        }
    }

    /// <summary>The batch RPC may run until its latest call's deadline; each caller still enforces its own.</summary>
    private TimeSpan RemainingOfLatest(List<Pending> batch)
    {
        var latest = long.MinValue;
        foreach (var pending in batch)
        {
            latest = Math.Max(latest, pending.DeadlineTimestamp);
        }

        var remaining = _time.GetElapsedTime(_time.GetTimestamp(), latest);
        return remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero;
    }

    private sealed class Pending(TRequest request, int bytes, long deadlineTimestamp)
    {
        public TRequest Request { get; } = request;

        public int Bytes { get; } = bytes;

        public long DeadlineTimestamp { get; } = deadlineTimestamp;

        public TaskCompletionSource<TResponse> Completion { get; } = new();
    }
}
