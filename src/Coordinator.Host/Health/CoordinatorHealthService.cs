using Grpc.Core;
using Grpc.Health.V1;
using Grpc.HealthCheck;

namespace PairDb.Coordinator.Health;

/// <summary>
/// grpc.health.v1.Health as served: Grpc.HealthCheck's <see cref="HealthServiceImpl"/> holds the statuses (set by
/// <see cref="HealthStatusPublisher"/>) and answers Check and Watch; an unknown service's NOT_FOUND says which names
/// this server knows, where the package answers with an empty detail.
/// </summary>
public sealed class CoordinatorHealthService : Grpc.Health.V1.Health.HealthBase
{
    private readonly HealthServiceImpl _statuses;
    private readonly string _known;

    /// <param name="statuses">The statuses the publisher sets.</param>
    /// <param name="serviceNames">Services this server reports on besides the whole server ("").</param>
    public CoordinatorHealthService(HealthServiceImpl statuses, IReadOnlyList<string> serviceNames)
    {
        ArgumentNullException.ThrowIfNull(statuses);
        ArgumentNullException.ThrowIfNull(serviceNames);
        _statuses = statuses;
        _known = "'' (the whole server) and " + string.Join(", ", serviceNames);
    }

    public override async Task<HealthCheckResponse> Check(HealthCheckRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            return await _statuses.Check(request, context);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"Unknown service '{request.Service}': this server answers health checks for {_known}."));
        }
    }

    public override Task Watch(HealthCheckRequest request, IServerStreamWriter<HealthCheckResponse> responseStream, ServerCallContext context) =>
        _statuses.Watch(request, responseStream, context);
}
