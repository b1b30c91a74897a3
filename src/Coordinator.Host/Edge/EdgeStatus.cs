using System.Globalization;
using Grpc.Core;
using PairDb.Coordinator.Interceptors;
using PairDb.Coordinator.RateLimits;
using PairDb.Messages.Protocols;

namespace PairDb.Coordinator.Edge;

/// <summary>The one place where domain failures and refusals of the actor layer become gRPC statuses.</summary>
public static class EdgeStatus
{
    public static StatusCode Of(FailureKind kind) => kind switch
    {
        FailureKind.QuorumNotReached => StatusCode.Unavailable,
        FailureKind.NoReplicas => StatusCode.Unavailable,
        FailureKind.ReplicasDown => StatusCode.Unavailable,
        FailureKind.DependencyUnavailable => StatusCode.Unavailable,
        FailureKind.DeadlineExceeded => StatusCode.DeadlineExceeded,
        FailureKind.Overloaded => StatusCode.ResourceExhausted,
        FailureKind.IdempotencyConflict => StatusCode.FailedPrecondition,
        FailureKind.IdempotencyInProgress => StatusCode.Aborted,
        FailureKind.ConditionConflict => StatusCode.Aborted,
        _ => StatusCode.Internal,
    };

    public static RpcException InvalidArgument(string message) => new(new Status(StatusCode.InvalidArgument, message));

    public static RpcException NotFound(string message) => new(new Status(StatusCode.NotFound, message));

    public static RpcException AlreadyExists(string message) => new(new Status(StatusCode.AlreadyExists, message));

    public static RpcException FailedPrecondition(string message) => new(new Status(StatusCode.FailedPrecondition, message));

    public static RpcException Unavailable(string message) => new(new Status(StatusCode.Unavailable, message));

    public static RpcException DeadlineExceeded(string message) => new(new Status(StatusCode.DeadlineExceeded, message));

    public static RpcException Internal(string message) => new(new Status(StatusCode.Internal, message));

    public static RpcException Failure(FailureKind kind, string message) => new(new Status(Of(kind), message));

    public static RpcException Refused(MigrationRefusal reason, string message) => new(new Status(
        reason switch
        {
            MigrationRefusal.NotFound => StatusCode.NotFound,
            MigrationRefusal.AlreadyExists => StatusCode.AlreadyExists,
            _ => StatusCode.FailedPrecondition,
        },
        message));

    private static readonly Status AskTimedOut = new(StatusCode.DeadlineExceeded, "Deadline exceeded waiting for the coordinator.");

    /// <summary>Refused at once: this coordinator already holds its bound of calls in flight.</summary>
    public static RpcException TooManyInFlight(int bound) => new(new Status(
        StatusCode.ResourceExhausted, $"Coordinator overloaded: {bound} requests are already in flight (requests.max_in_flight); retry with backoff."));

    /// <summary>
    /// Refused at once: the tenant is over one of its rate limits on this coordinator. The retry-after-ms trailer carries
    /// the time until its bucket holds enough again (so <see cref="RetryAfterInterceptor"/> leaves it as it is).
    /// </summary>
    public static RpcException RateLimited(string tenantId, RateLimitVerdict verdict)
    {
        var milliseconds = Math.Max(1, (long)Math.Ceiling(verdict.RetryAfter.TotalMilliseconds));
        var unit = verdict.Limit == RateLimitKind.Bytes ? "request bytes" : "requests";
        var trailers = new Metadata { { RetryAfterInterceptor.TrailerName, milliseconds.ToString(CultureInfo.InvariantCulture) } };
        return new RpcException(
            new Status(StatusCode.ResourceExhausted, $"Tenant '{tenantId}' is over its rate limit of {verdict.Rate} {unit} per second on this coordinator; retry after {milliseconds} ms."),
            trailers);
    }

    /// <summary>Maps what an Ask to an actor can throw; null for anything else (a bug: INTERNAL upstream).</summary>
    public static RpcException? FromAsk(Exception error) => error switch
    {
        Akka.Actor.AskTimeoutException => new RpcException(AskTimedOut),
        _ => null,
    };
}
