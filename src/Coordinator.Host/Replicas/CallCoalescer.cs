using Grpc.Core;

namespace PairDb.Coordinator.Replicas;

/// <summary>
/// Coalesces calls of one kind to one storage node. While fewer than <see cref="CoalescingLimits.MaxInFlight"/> RPCs
/// are outstanding a call goes out alone at once, so a lightly loaded coordinator adds no latency; beyond that, calls
/// queue, and each RPC that returns takes everything queued (up to <see cref="CoalescingLimits.MaxBatch"/>) out as one
/// batch RPC. Under load the per-call HTTP/2 cost (headers, stream, trailers, tasks) is then shared by a batch, and the
/// storage node's single writer commits the batch's writes in one group. Every call still ends on its own: with its
/// response, or the RpcException its own call would have thrown.
/// </summary>
internal sealed class CallCoalescer<TRequest, TResponse>
    where TResponse : class
{
    /// <summary>Deadlines beyond this are treated as this far away (only to keep timestamp arithmetic in range).</summary>
    private static readonly TimeSpan MaxTimeout = TimeSpan.FromDays(1);
    private readonly Lock _lock = new();
    private readonly Queue<Pending> _queue = new();
    private readonly CoalescingLimits _limits;
    private readonly Func<TRequest, TimeSpan, Task<TResponse>> _single;
    private readonly Func<List<TRequest>, TimeSpan, Task<ItemOutcome<TResponse>[]>> _batch;
    private readonly TimeProvider _time;
    private int _inFlight;
    private long _batchesSent;

    /// <param name="limits">In-flight, batch and queue bounds.</param>
    /// <param name="single">One call as its own RPC; throws RpcException.</param>
    /// <param name="batch">Several calls as one RPC, outcomes in request order; throws RpcException when the RPC itself fails.</param>
    /// <param name="time">Source of timestamps for queued calls' deadlines; the system clock when null.</param>
    public CallCoalescer(
        CoalescingLimits limits,
        Func<TRequest, TimeSpan, Task<TResponse>> single,
        Func<List<TRequest>, TimeSpan, Task<ItemOutcome<TResponse>[]>> batch,
        TimeProvider? time = null)
    {
        _limits = limits.Validated();
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
                        StatusCode.ResourceExhausted, $"{_limits.MaxQueued} calls to this storage node are already queued.")));
                }

                var bounded = timeout < MaxTimeout ? timeout : MaxTimeout;
                var pending = new Pending(request, _time.GetTimestamp() + (long)(bounded.TotalSeconds * _time.TimestampFrequency));
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

    private List<Pending>? TakeBatch()
    {
        lock (_lock)
        {
            if (_queue.Count == 0)
            {
                _inFlight--;
                return null;
            }

            var batch = new List<Pending>(Math.Min(_queue.Count, _limits.MaxBatch));
            while (batch.Count < _limits.MaxBatch && _queue.TryDequeue(out var next))
            {
                batch.Add(next);
            }

            return batch;
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

            for (var i = 0; i < batch.Count; i++)
            {
                if (outcomes[i].Error is { } error)
                {
                    batch[i].Completion.TrySetException(error);
                }
                else
                {
                    batch[i].Completion.TrySetResult(outcomes[i].Response!);
                }
            }
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

    private sealed class Pending(TRequest request, long deadlineTimestamp)
    {
        public TRequest Request { get; } = request;

        public long DeadlineTimestamp { get; } = deadlineTimestamp;

        public TaskCompletionSource<TResponse> Completion { get; } = new();
    }
}
