using Grpc.Core;
using PairDb.Messages.Proto;

namespace PairDb.Coordinator.Replicas;

/// <summary>
/// Describes a failed replica call as "STATUS: detail" (canonical gRPC status names), plus the transport's cause when
/// there is one, for logs and UNAVAILABLE messages.
/// </summary>
public static class ReplicaCallErrors
{
    public static string Describe(RpcException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var described = StatusCodeNames.Of(exception.StatusCode) + ": " + exception.Status.Detail;

        // grpc-dotnet keeps a transport failure's cause (connection refused, reset) out of the detail.
        return exception.Status.DebugException is { } cause ? described + " (" + cause.Message + ")" : described;
    }
}
