using Grpc.Core;
using PairDb.Messages.Proto;

namespace PairDb.Coordinator.Replicas;

/// <summary>
/// Describes a failed replica call as "STATUS: detail" (canonical gRPC status names), plus the transport's cause when
/// there is one, for logs and the client's message; and tells overload from other failures.
/// </summary>
public static class ReplicaCallErrors
{
    /// <summary>
    /// RESOURCE_EXHAUSTED: a full queue, in this coordinator's coalescer or on the storage node. The same replica can
    /// take the call once the load drops, unlike one that is down (UNAVAILABLE) or refuses the request itself.
    /// </summary>
    public static bool IsOverload(RpcException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.StatusCode == StatusCode.ResourceExhausted;
    }

    public static string Describe(RpcException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var described = StatusCodeNames.Of(exception.StatusCode) + ": " + exception.Status.Detail;

        // grpc-dotnet keeps a transport failure's cause (connection refused, reset) out of the detail.
        return exception.Status.DebugException is { } cause ? described + " (" + cause.Message + ")" : described;
    }
}
