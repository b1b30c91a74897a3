using PairDb.Rpc;

namespace PairDb.Coordinator.Replicas;

/// <summary>Describes a failed replica call as "STATUS: detail" (canonical gRPC status names), for logs and UNAVAILABLE messages.</summary>
public static class ReplicaCallErrors
{
    public static string Describe(RpcException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return StatusName(exception.StatusCode) + ": " + exception.Detail;
    }

    /// <summary>The canonical upper-case name of a status code, e.g. DEADLINE_EXCEEDED.</summary>
    public static string StatusName(StatusCode code) => code switch
    {
        StatusCode.OK => "OK",
        StatusCode.Cancelled => "CANCELLED",
        StatusCode.Unknown => "UNKNOWN",
        StatusCode.InvalidArgument => "INVALID_ARGUMENT",
        StatusCode.DeadlineExceeded => "DEADLINE_EXCEEDED",
        StatusCode.NotFound => "NOT_FOUND",
        StatusCode.AlreadyExists => "ALREADY_EXISTS",
        StatusCode.PermissionDenied => "PERMISSION_DENIED",
        StatusCode.ResourceExhausted => "RESOURCE_EXHAUSTED",
        StatusCode.FailedPrecondition => "FAILED_PRECONDITION",
        StatusCode.Aborted => "ABORTED",
        StatusCode.OutOfRange => "OUT_OF_RANGE",
        StatusCode.Unimplemented => "UNIMPLEMENTED",
        StatusCode.Internal => "INTERNAL",
        StatusCode.Unavailable => "UNAVAILABLE",
        StatusCode.DataLoss => "DATA_LOSS",
        StatusCode.Unauthenticated => "UNAUTHENTICATED",
        _ => "STATUS_" + (int)code,
    };
}
