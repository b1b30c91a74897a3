using Grpc.Core;
using PairDb.Coordinator.Observability;

namespace PairDb.Coordinator.Replicas;

/// <summary>Describes a failed replica call as "STATUS: detail" (canonical gRPC status names), for logs and UNAVAILABLE messages.</summary>
public static class ReplicaCallErrors
{
    public static string Describe(RpcException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return StatusCodeNames.Of(exception.StatusCode) + ": " + exception.Status.Detail;
    }
}
