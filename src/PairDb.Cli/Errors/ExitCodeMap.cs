using Grpc.Core;

namespace PairDb.Cli.Errors;

/// <summary>The one place where a gRPC status becomes a process exit code.</summary>
public static class ExitCodeMap
{
    public static int For(StatusCode status) => status switch
    {
        StatusCode.OK => ExitCodes.Ok,
        StatusCode.NotFound => ExitCodes.NotFound,
        StatusCode.InvalidArgument or StatusCode.FailedPrecondition or StatusCode.AlreadyExists => ExitCodes.Rejected,
        StatusCode.Unavailable or StatusCode.DeadlineExceeded => ExitCodes.Unavailable,
        StatusCode.Unauthenticated or StatusCode.PermissionDenied => ExitCodes.Denied,
        _ => ExitCodes.ServerError,
    };
}
