using Akka.Actor;
using PairDb.Coordinator.Configuration;
using PairDb.Coordinator.Health;

namespace PairDb.Coordinator.Composition;

/// <summary>
/// Starts and stops the <see cref="CoordinatorRuntime"/> as a hosted service of the coordinator's Generic Host:
/// registered after Akka.Hosting's service (so the actor system runs) and before the web server (so no call arrives
/// before the runtime and the health publisher run). On stop, after the server drained, the runtime leaves the
/// cluster (its shards handed off) and then closes its replica client, embedded storage nodes and stores.
/// </summary>
public sealed class CoordinatorRuntimeHost
{
    private readonly CoordinatorOptions _options;

    public CoordinatorRuntimeHost(CoordinatorOptions options) => _options = options;

    /// <summary>The running coordinator, or null before the host started it.</summary>
    public CoordinatorRuntime? Runtime { get; private set; }

    /// <summary>Drives grpc.health.v1 from readiness; started with the runtime (set it before the host starts).</summary>
    public HealthStatusPublisher? HealthPublisher { get; set; }

    /// <summary>Registers the actor system and then this runtime with the host, in that order.</summary>
    public static CoordinatorRuntimeHost AddTo(IServiceCollection services, CoordinatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        var host = new CoordinatorRuntimeHost(options);
        services.AddCoordinatorAkka(options);
        services.AddHostedService(provider => new Service(host, provider));
        return host;
    }

    private sealed class Service(CoordinatorRuntimeHost host, IServiceProvider provider) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            var system = provider.GetRequiredService<ActorSystem>();
            host.Runtime = await CoordinatorRuntime.StartAsync(host._options, provider.GetRequiredService<ILoggerFactory>(), system, cancellationToken);
            if (host.HealthPublisher is { } publisher)
            {
                await publisher.StartAsync(cancellationToken);
            }
        }

        public async Task StopAsync(CancellationToken cancellationToken)
        {
            // The publisher reads the runtime's readiness: it stops first, so it never reports the teardown itself.
            if (host.HealthPublisher is { } publisher)
            {
                await publisher.DisposeAsync();
            }

            if (host.Runtime is { } runtime)
            {
                await runtime.DisposeAsync();
            }
        }
    }
}
