using System.Globalization;
using Grpc.Core;

namespace PairDb.Messages.Proto;

/// <summary>
/// The canonical upper-case names of gRPC status codes (NOT_FOUND, ...), as operators know them from gRPC tools:
/// the coordinator's request logs, metric labels and replica failure reasons, and the CLI's error lines.
/// </summary>
public static class StatusCodeNames
{
    public static string Of(StatusCode status) => status switch
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
        _ => "STATUS_" + ((int)status).ToString(CultureInfo.InvariantCulture),
    };
}
