using System.Globalization;
using Grpc.Core;
using PairDb.Protocol.Coordinator;

namespace PairDb.Client.Internal;

/// <summary>
/// Runs one logical call: attempts on the preferred coordinator, retries and failover as <see cref="RetryRules"/>
/// decides, all under one deadline for the whole call. The request is built once by the caller, so a write's
/// idempotency key is the same in every attempt. Cancellation stops at once, also during a backoff.
/// </summary>
internal sealed class CallRunner
{
    /// <summary>The trailer of a RESOURCE_EXHAUSTED answer: milliseconds to wait before retrying.</summary>
    public const string RetryAfterTrailer = "retry-after-ms";

    private readonly ChannelSet _channels;
    private readonly PairDbRetryOptions _retry;
    private readonly Metadata? _headers;

    /// <param name="channels">The coordinators.</param>
    /// <param name="retry">Retries and backoff.</param>
    /// <param name="token">Bearer token sent with every attempt; null or empty sends none.</param>
    public CallRunner(ChannelSet channels, PairDbRetryOptions retry, string? token)
    {
        _channels = channels;
        _retry = retry;
        _headers = string.IsNullOrEmpty(token) ? null : new Metadata { { "authorization", "Bearer " + token } };
    }

    public async Task<T> RunAsync<T>(
        Func<CoordinatorService.CoordinatorServiceClient, CallOptions, AsyncUnaryCall<T>> call, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var now = DateTime.UtcNow;
        // A timeout past the calendar's end (TimeSpan.MaxValue) is no deadline at all, which gRPC spells DateTime.MaxValue.
        var deadline = timeout < DateTime.MaxValue - now ? now + timeout : DateTime.MaxValue;
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var address = _channels.Preferred;
            try
            {
                using var pending = call(_channels.Client(address), new CallOptions(headers: _headers, deadline: deadline, cancellationToken: cancellationToken));
                return await pending.ResponseAsync;
            }
            catch (RpcException ex) when (cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException("The call was cancelled.", ex, cancellationToken);
            }
            catch (RpcException ex)
            {
                var decision = RetryRules.Decide(Describe(ex), attempt, _channels.Count, _retry, Random.Shared.NextDouble());
                if (decision.Action == RetryAction.Fail || decision.Delay >= deadline - DateTime.UtcNow)
                {
                    throw ErrorMapping.ToException(ex);
                }

                if (decision.Action == RetryAction.RetryNextAddress)
                {
                    _channels.MoveOn(address);
                }

                if (decision.Delay > TimeSpan.Zero)
                {
                    await Task.Delay(decision.Delay, cancellationToken);
                }
            }
        }
    }

    /// <summary>The facts of a failed attempt: its code, whether the connection itself failed, and the retry-after hint.</summary>
    internal static FailedAttempt Describe(RpcException error)
    {
        var connectionLost = error.Status.DebugException is HttpRequestException or IOException;
        TimeSpan? retryAfter = long.TryParse(error.Trailers.GetValue(RetryAfterTrailer), NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            ? TimeSpan.FromMilliseconds(ms)
            : null;
        return new FailedAttempt(error.StatusCode, connectionLost, retryAfter);
    }
}
