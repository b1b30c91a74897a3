using Grpc.Health.V1;
using Grpc.HealthCheck;
using PairDb.Storage.Hosting;

namespace PairDb.Coordinator.Health;

/// <summary>
/// Drives grpc.health.v1.Health (Grpc.HealthCheck's <see cref="HealthServiceImpl"/>) from readiness: re-reads
/// <see cref="CoordinatorHealth"/> every interval, and at once when draining begins, and sets the status of the whole
/// server ("") and of every hosted service, so Check answers the last reading and Watch streams each change.
/// </summary>
public sealed class HealthStatusPublisher : IAsyncDisposable
{
    /// <summary>How often readiness is re-read (store measurements are cached for about as long).</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(1);

    private readonly CoordinatorHealth _health;
    private readonly HealthServiceImpl _service;
    private readonly DrainGate _drain;
    private readonly string[] _serviceNames;
    private readonly TimeSpan _interval;
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    /// <param name="health">The readiness every probe reads.</param>
    /// <param name="service">The health service whose statuses this sets.</param>
    /// <param name="drain">Draining turns every status NOT_SERVING at once.</param>
    /// <param name="serviceNames">Services this server hosts, e.g. "proto.CoordinatorService"; they share one status.</param>
    /// <param name="interval">Between readings; <see cref="DefaultInterval"/> when null.</param>
    public HealthStatusPublisher(CoordinatorHealth health, HealthServiceImpl service, DrainGate drain, IReadOnlyList<string> serviceNames, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(health);
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(drain);
        ArgumentNullException.ThrowIfNull(serviceNames);
        _health = health;
        _service = service;
        _drain = drain;
        _serviceNames = [string.Empty, .. serviceNames];
        _interval = interval ?? DefaultInterval;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_interval, TimeSpan.Zero, nameof(interval));
        Publish(HealthCheckResponse.Types.ServingStatus.NotServing);
    }

    /// <summary>
    /// Publishes a first reading, then keeps reading in the background; call once, before the server listens, so the
    /// first health call already sees readiness rather than the initial NOT_SERVING.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_loop is not null)
        {
            throw new InvalidOperationException("The health publisher has already started.");
        }

        var report = await _health.CheckAsync(cancellationToken);
        Publish(report.Ready ? HealthCheckResponse.Types.ServingStatus.Serving : HealthCheckResponse.Types.ServingStatus.NotServing);
        _loop = Task.Run(() => RunAsync(_stop.Token), CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await _loop;
        }

        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken stop)
    {
        using var wake = CancellationTokenSource.CreateLinkedTokenSource(stop, _drain.Draining);
        while (!wake.IsCancellationRequested)
        {
            try
            {
                var report = await _health.CheckAsync(wake.Token);
                Publish(report.Ready ? HealthCheckResponse.Types.ServingStatus.Serving : HealthCheckResponse.Types.ServingStatus.NotServing);
                await Task.Delay(_interval, wake.Token);
            }
            catch (OperationCanceledException) when (wake.IsCancellationRequested)
            {
                // Stopping ends the loop; so does draining, which never turns back.
            }
        }

        if (_drain.IsDraining)
        {
            Publish(HealthCheckResponse.Types.ServingStatus.NotServing);
        }
    }

    private void Publish(HealthCheckResponse.Types.ServingStatus status)
    {
        foreach (var name in _serviceNames)
        {
            _service.SetStatus(name, status);
        }
    }
}
