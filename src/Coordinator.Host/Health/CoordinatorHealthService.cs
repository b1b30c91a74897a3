using Grpc.Core;
using Grpc.Health.V1;
using Grpc.HealthCheck;
using PairDb.Storage.Hosting;

namespace PairDb.Coordinator.Health;

/// <summary>
/// grpc.health.v1.Health as served: Grpc.HealthCheck's <see cref="HealthServiceImpl"/> holds the statuses (set by
/// <see cref="HealthStatusPublisher"/>) and answers Check and Watch; an unknown service's NOT_FOUND says which names
/// this server knows, where the package answers with an empty detail. Watch streams end shortly after draining
/// begins (once they have been sent NOT_SERVING), so an open Watch never holds the shutdown until its timeout; a stream
/// the client reset while a status was being written to it ends quietly.
/// </summary>
public sealed class CoordinatorHealthService : Grpc.Health.V1.Health.HealthBase
{
    /// <summary>How long Watch streams stay open once draining begins: time for the NOT_SERVING message to go out.</summary>
    private static readonly TimeSpan WatchGrace = TimeSpan.FromSeconds(1);

    private readonly HealthServiceImpl _statuses;
    private readonly DrainGate _drain;
    private readonly string _known;

    /// <param name="statuses">The statuses the publisher sets.</param>
    /// <param name="drain">Draining ends Watch streams after <see cref="WatchGrace"/>.</param>
    /// <param name="serviceNames">Services this server reports on besides the whole server ("").</param>
    public CoordinatorHealthService(HealthServiceImpl statuses, DrainGate drain, IReadOnlyList<string> serviceNames)
    {
        ArgumentNullException.ThrowIfNull(statuses);
        ArgumentNullException.ThrowIfNull(drain);
        ArgumentNullException.ThrowIfNull(serviceNames);
        _statuses = statuses;
        _drain = drain;
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

    public override async Task Watch(HealthCheckRequest request, IServerStreamWriter<HealthCheckResponse> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        using var draining = _drain.Draining.Register(static state => ((CancellationTokenSource)state!).CancelAfter(WatchGrace), watching);
        try
        {
            await _statuses.Watch(request, responseStream, new WatchCallContext(context, watching.Token));
        }
        catch (InvalidOperationException) when (context.CancellationToken.IsCancellationRequested || context.GetHttpContext().RequestAborted.IsCancellationRequested)
        {
            // The client reset the stream while a status change (such as NOT_SERVING when draining starts) was being
            // written to it: the package writes before it notices the call ended, and grpc-dotnet's writer throws "the
            // request is complete", possibly before the call's own token is cancelled. Nobody is left to answer.
        }
    }
}
