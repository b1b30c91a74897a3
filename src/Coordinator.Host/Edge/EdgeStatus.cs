using Grpc.Core;
using PairDb.Actors.Kernel;
using PairDb.Actors.Migration;
using PairDb.Messages.Protocols;

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

    public static RpcException InvalidArgument(string message) => new(new Status(StatusCode.InvalidArgument, message));

    public static RpcException NotFound(string message) => new(new Status(StatusCode.NotFound, message));

    public static RpcException AlreadyExists(string message) => new(new Status(StatusCode.AlreadyExists, message));

    public static RpcException FailedPrecondition(string message) => new(new Status(StatusCode.FailedPrecondition, message));

    public static RpcException Unavailable(string message) => new(new Status(StatusCode.Unavailable, message));

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

    private static readonly Status MailboxFull = new(StatusCode.ResourceExhausted, "Coordinator overloaded: the key's mailbox is full; retry with backoff.");
    private static readonly Status RegionFull = new(StatusCode.ResourceExhausted, "Coordinator overloaded: too many keys in flight; retry with backoff.");
    private static readonly Status AskTimedOut = new(StatusCode.DeadlineExceeded, "Deadline exceeded waiting for the coordinator.");
    private static readonly Status ActorStopped = new(StatusCode.Unavailable, "The coordinator is shutting down or the key's actor stopped; retry.");
    private static readonly Status ActorCrashed = new(StatusCode.Internal, "The key's actor failed while handling the request; it was restarted.");

    /// <summary>Maps what an Ask to an actor can throw; null for anything else (a bug: INTERNAL upstream).</summary>
    public static RpcException? FromAsk(Exception error) => error switch
    {
        MailboxFullException => new RpcException(MailboxFull),
        RegionFullException => new RpcException(RegionFull),
        AskTimeoutException => new RpcException(AskTimedOut),
        ActorStoppedException => new RpcException(ActorStopped),
        ActorCrashedException => new RpcException(ActorCrashed),
        _ => null,
    };
}
