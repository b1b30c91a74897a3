using PairDb.Messages.Protocols;

namespace PairDb.Coordinator.Edge;

/// <summary>
/// Akka.NET's sharding can drop a message that reaches a shard while it is handed off (akka.net issue 8501): the
/// write was never applied, but its ask would only fail at the deadline. A write carrying the client's idempotency key
/// is therefore sent a second time when it has no answer after <c>requests.hand_off_retry_ms</c>; the key's actor
/// claims that key in the shared idempotency store, so the same write is never applied twice. The first answer wins,
/// except the second attempt's "in progress" (the first attempt holds the claim), which waits for the first's answer.
/// A write without a client key is sent once: a retry of it could be applied twice.
/// </summary>
public static class HandOffRetry
{
    public static async Task<WriteReply> AskAsync(Func<Task<WriteReply>> ask, bool retryable, TimeSpan retryAfter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ask);
        var first = ask();
        if (!retryable || first.IsCompleted)
        {
            return await first;
        }

        using (var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            var early = await Task.WhenAny(first, Task.Delay(retryAfter, wait.Token));
            await wait.CancelAsync();
            if (early == first || cancellationToken.IsCancellationRequested)
            {
                return await first;
            }
        }

        var second = ask();
        var answered = await Task.WhenAny(first, second);
        if (answered == first)
        {
            return await first;
        }

        var reply = await second;
        return reply is WriteFailed { Kind: FailureKind.IdempotencyInProgress } ? await first : reply;
    }
}
