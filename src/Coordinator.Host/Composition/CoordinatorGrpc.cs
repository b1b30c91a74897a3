using Grpc.AspNetCore.Server;
using Grpc.HealthCheck;
using PairDb.Coordinator.Configuration;
using PairDb.Coordinator.Edge;
using PairDb.Coordinator.Health;
using PairDb.Coordinator.Interceptors;
using PairDb.Coordinator.Observability;
using PairDb.Protocol.Coordinator;
using PairDb.Storage.Hosting;
using PairDb.Storage.Hosting.RequestCheck;

namespace PairDb.Coordinator.Composition;

/// <summary>
/// The coordinator's gRPC server in one place: grpc-dotnet with the message size limits, the interceptors in their
/// order (authentication and audit included), the UTF-8 check of request strings, the deadline clamp, proto.CoordinatorService, grpc.health.v1.Health and
/// server reflection.
/// </summary>
public static class CoordinatorGrpc
{
    /// <summary>Services the health service reports on besides the whole server ("").</summary>
    public static readonly IReadOnlyList<string> ServiceNames = [CoordinatorService.Descriptor.FullName];

    /// <summary>Registers the server, its interceptors and services; the edge is built on first call from the running coordinator.</summary>
    /// <param name="services">The application's services.</param>
    /// <param name="options">For the message size limit and the default per-operation timeouts.</param>
    /// <param name="runtime">The running coordinator; calls only arrive once it has started (the server starts after it).</param>
    public static IGrpcServerBuilder AddCoordinatorGrpc(this IServiceCollection services, CoordinatorOptions options, Func<CoordinatorRuntime?> runtime)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(runtime);
        services.AddSingleton<DrainGate>();
        services.AddSingleton(sp => new RequestTelemetry(sp.GetRequiredService<ILoggerFactory>().CreateLogger("PairDb.Requests")));
        services.AddSingleton<RequestTelemetryInterceptor>();
        services.AddSingleton<DrainInterceptor>();
        services.AddSingleton(new RetryAfterInterceptor(options.RetryAfter));
        services.AddSingleton(new DeadlineInterceptor(options.RequestTimeout, options.EffectiveReadTimeout, options.EffectiveWriteTimeout));
        services.AddSingleton(sp => new AuditInterceptor(
            () => runtime()?.Credentials, sp.GetRequiredService<ILoggerFactory>().CreateLogger("PairDb.Audit"), options.RequestTimeout, options.AuditMaxRecords));
        services.AddSingleton(new AuthenticationInterceptor(options.AuthEnabled, () => runtime()?.Authenticator));
        services.AddSingleton<HealthServiceImpl>();
        services.AddSingleton(sp => new CoordinatorHealthService(sp.GetRequiredService<HealthServiceImpl>(), sp.GetRequiredService<DrainGate>(), ServiceNames));
        services.AddSingleton(_ => new CoordinatorGrpcService(
            (runtime() ?? throw new InvalidOperationException("A call reached the coordinator service before the coordinator started.")).Edge));
        services.AddGrpcReflection();

        // grpc-dotnet logs every RpcException's status detail at Information, and a detail may name a key; the request
        // log line (RequestTelemetry) records each failure without it. Its warnings and errors still come through.
        services.AddLogging(logging => logging.AddFilter("Grpc.AspNetCore.Server.ServerCallHandler", LogLevel.Warning));
        var server = services.AddGrpc(grpc =>
        {
            // A client sends one value; an answer may carry a key's sibling versions.
            grpc.MaxReceiveMessageSize = options.MaxClientRequestBytes;
            grpc.MaxSendMessageSize = options.MaxMessageBytes;

            // Outermost first: telemetry also sees drain refusals; every RESOURCE_EXHAUSTED gets its retry-after-ms
            // trailer; the deadline is attached only to calls that run; the audit sees the outcome of every admin call
            // whose caller the authentication established, refusals included.
            grpc.Interceptors.Add<RequestTelemetryInterceptor>();
            grpc.Interceptors.Add<RetryAfterInterceptor>();
            grpc.Interceptors.Add<DrainInterceptor>();
            grpc.Interceptors.Add<DeadlineInterceptor>();
            grpc.Interceptors.Add<AuditInterceptor>();
            grpc.Interceptors.Add<AuthenticationInterceptor>();
        });

        // Last of the gRPC registrations: every request's strings are checked for UTF-8 before protobuf parses them.
        services.AddCheckedRequestBinding();
        return server;
    }

    /// <summary>
    /// Clamps far deadlines to requests.max_deadline_ms (before grpc-dotnet reads them), then maps
    /// proto.CoordinatorService, grpc.health.v1.Health and grpc.reflection.
    /// </summary>
    public static void MapCoordinatorGrpc(this WebApplication app, CoordinatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(options);
        app.Use(new GrpcTimeoutClamp(options.MaxDeadline).Middleware);
        app.MapGrpcService<CoordinatorGrpcService>();
        app.MapGrpcService<CoordinatorHealthService>();
        app.MapGrpcReflectionService();
    }
}
