using PairDb.Protocol.Health;
using PairDb.Rpc.Contracts;
using PairDb.Rpc.Server;

namespace PairDb.Rpc.Health;

/// <summary>
/// The standard gRPC health service (grpc.health.v1.Health) over a host's readiness: Check answers SERVING or
/// NOT_SERVING for the whole server ("") and for each named service, NOT_FOUND for any other name, as the gRPC
/// health checking protocol says. Watch is not mapped, so the server's fallback answers it UNIMPLEMENTED, which the
/// protocol allows (clients then poll Check).
/// </summary>
public static class GrpcHealthService
{
    /// <summary>
    /// The service definition. <paramref name="isServing"/> is asked on every Check; it should be cheap (cache
    /// what it measures) and must not throw.
    /// </summary>
    /// <param name="serviceNames">Services this server hosts, e.g. "proto.CoordinatorService"; they share one status.</param>
    /// <param name="isServing">True when the server is ready to serve calls.</param>
    public static GrpcServiceDefinition Create(IReadOnlyCollection<string> serviceNames, Func<CancellationToken, Task<bool>> isServing)
    {
        ArgumentNullException.ThrowIfNull(serviceNames);
        ArgumentNullException.ThrowIfNull(isServing);
        var named = new List<string>(serviceNames);
        named.Sort(StringComparer.Ordinal);
        var checker = new Checker(new HashSet<string>(serviceNames, StringComparer.Ordinal) { string.Empty }, string.Join(", ", named), isServing);
        return new GrpcServiceBuilder(HealthMethods.ServiceName)
            .Unary(HealthMethods.Check, checker.CheckAsync)
            .Build();
    }

    /// <summary>Answers Check calls; the two possible answers are built once.</summary>
    private sealed class Checker(HashSet<string> known, string namedList, Func<CancellationToken, Task<bool>> isServing)
    {
        private static readonly HealthCheckResponse Serving = new() { Status = HealthCheckResponse.Types.ServingStatus.Serving };
        private static readonly HealthCheckResponse NotServing = new() { Status = HealthCheckResponse.Types.ServingStatus.NotServing };

        public async Task<HealthCheckResponse> CheckAsync(HealthCheckRequest request, ServerCallContext context)
        {
            if (!known.Contains(request.Service))
            {
                throw new RpcException(StatusCode.NotFound, $"Unknown service '{request.Service}': this server answers health checks for '' (the whole server) and {namedList}.");
            }

            return await isServing(context.CancellationToken) ? Serving : NotServing;
        }
    }
}
