using PairDb.Actors.Kernel;
using PairDb.Actors.Migration;
using PairDb.Messages.Protocols;
using PairDb.Rpc;

namespace PairDb.Coordinator.Edge;

/// <summary>The one place where domain failures and kernel refusals become gRPC statuses.</summary>
public static class EdgeStatus
{
    public static StatusCode Of(FailureKind kind) => kind switch
    {
        FailureKind.QuorumNotReached => StatusCode.Unavailable,
        FailureKind.NoReplicas => StatusCode.Unavailable,
        FailureKind.DependencyUnavailable => StatusCode.Unavailable,
        FailureKind.DeadlineExceeded => StatusCode.DeadlineExceeded,
        FailureKind.Overloaded => StatusCode.ResourceExhausted,
        FailureKind.IdempotencyConflict => StatusCode.FailedPrecondition,
        FailureKind.IdempotencyInProgress => StatusCode.Aborted,
        _ => StatusCode.Internal,
    };

    public static RpcException Failure(FailureKind kind, string message) => new(Of(kind), message);

    public static RpcException Refused(MigrationRefusal reason, string message) => new(
        reason switch
        {
            MigrationRefusal.NotFound => StatusCode.NotFound,
            MigrationRefusal.AlreadyExists => StatusCode.AlreadyExists,
            _ => StatusCode.FailedPrecondition,
        },
        message);

    /// <summary>Maps what an Ask to an actor can throw; null for anything else (a bug: INTERNAL upstream).</summary>
    public static RpcException? FromAsk(Exception error) => error switch
    {
        MailboxFullException => new RpcException(StatusCode.ResourceExhausted, "Coordinator overloaded: the key's mailbox is full; retry with backoff."),
        RegionFullException => new RpcException(StatusCode.ResourceExhausted, "Coordinator overloaded: too many keys in flight; retry with backoff."),
        AskTimeoutException => new RpcException(StatusCode.DeadlineExceeded, "Deadline exceeded waiting for the coordinator."),
        ActorStoppedException => new RpcException(StatusCode.Unavailable, "The coordinator is shutting down or the key's actor stopped; retry."),
        ActorCrashedException => new RpcException(StatusCode.Internal, "The key's actor failed while handling the request; it was restarted."),
        _ => null,
    };
}
