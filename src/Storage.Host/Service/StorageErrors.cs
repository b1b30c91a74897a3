using Grpc.Core;
using PairDb.Messages.Validation;
using PairDb.Storage.Engine;

namespace PairDb.Storage.Service;

/// <summary>
/// The one place validation errors, engine results and failures become gRPC statuses. Invalid request:
/// INVALID_ARGUMENT; sibling bound: FAILED_PRECONDITION (retrying cannot help until a write resolves the siblings);
/// full write queue: RESOURCE_EXHAUSTED (back off and retry); engine closed or SQLite failing: UNAVAILABLE;
/// unreadable stored data: INTERNAL.
/// </summary>
public static class StorageErrors
{
    // The failures that carry no numbers are answered often (a full queue under load, every call while closing), so
    // their statuses are built once.
    private static readonly Status Overloaded = new(StatusCode.ResourceExhausted, "The storage node's write queue is full; retry after a short backoff.");
    private static readonly Status EngineClosed = new(StatusCode.Unavailable, "The storage engine is closed (node shutting down).");

    /// <summary>Throws for the outcomes that are errors on the wire; returns the others unchanged.</summary>
    public static WriteOutcome Check(WriteOutcome outcome, int maxSiblings) => outcome.Status switch
    {
        WriteStatus.SiblingLimitExceeded => throw new RpcException(new Status(
            StatusCode.FailedPrecondition,
            $"The key already holds {outcome.SiblingCount} concurrent versions; storing this one would exceed the limit of {maxSiblings} siblings. Write a version whose clock dominates them.")),
        WriteStatus.Overloaded => throw new RpcException(Overloaded),
        _ => outcome,
    };

    /// <summary>Throws INVALID_ARGUMENT carrying the message of <paramref name="error"/>, if there is one.</summary>
    public static void ThrowIfInvalid(ValidationError? error)
    {
        if (error is not null)
        {
            throw InvalidArgument(error.Message);
        }
    }

    /// <summary>INVALID_ARGUMENT with <paramref name="detail"/>: a request the node will not take as it is.</summary>
    public static RpcException InvalidArgument(string detail) => new(new Status(StatusCode.InvalidArgument, detail));

    /// <summary>True for failures that <see cref="ToRpc"/> maps; anything else is a bug and surfaces as UNKNOWN.</summary>
    public static bool IsEngineFailure(Exception exception) =>
        exception is StorageEngineException or ObjectDisposedException;

    public static RpcException ToRpc(Exception exception) => exception switch
    {
        ObjectDisposedException => new RpcException(EngineClosed),
        StorageEngineException { InnerException: InvalidDataException } => new RpcException(new Status(StatusCode.Internal, exception.Message, exception)),
        _ => new RpcException(new Status(StatusCode.Unavailable, exception.Message, exception)),
    };
}
