using System.Collections.Concurrent;
using Grpc.Core;
using PairDb.Messages.Proto;

namespace PairDb.Coordinator.Observability;

/// <summary>
/// Records one finished call: counts it by method and status, records its duration, and writes one log line per
/// failed call with the tenant the edge attached, the method, the status and the duration — nothing of the request's
/// key or value. <see cref="Interceptors.RequestTelemetryInterceptor"/> feeds it every unary call.
/// </summary>
public sealed class RequestTelemetry
{
    /// <summary>Longest tenant id logged (the validator's limit); a longer one was invalid and is cut.</summary>
    private const int MaxTenantChars = 256;

    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, string> _methodNames = new(StringComparer.Ordinal);

    public RequestTelemetry(ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        _logger = logger;
    }

    /// <param name="fullMethod">The gRPC method path, e.g. "/proto.CoordinatorService/WriteKeyValue".</param>
    /// <param name="status">The status the call ended with.</param>
    /// <param name="duration">From the handler's start to its end.</param>
    /// <param name="tenant">The tenant the edge attached, or null.</param>
    /// <param name="refusedWhileDraining">
    /// The shutdown drain refused the call before its handler ran: an UNAVAILABLE the server meant to give (clients
    /// retry it elsewhere), logged at Information, not as a failure to serve.
    /// </param>
    public void Record(string fullMethod, StatusCode status, TimeSpan duration, string? tenant, bool refusedWhileDraining = false)
    {
        ArgumentNullException.ThrowIfNull(fullMethod);
        var method = MethodName(fullMethod);
        var code = StatusCodeNames.Of(status);
        CoordinatorInstruments.Requests.Add(1, new KeyValuePair<string, object?>("method", method), new KeyValuePair<string, object?>("code", code));
        CoordinatorInstruments.RequestDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("method", method));
        if (status != StatusCode.OK)
        {
            var level = refusedWhileDraining ? LogLevel.Information : LevelOf(status);
            if (_logger.IsEnabled(level))
            {
                var milliseconds = Math.Round(duration.TotalMilliseconds, 3);
                var logged = Tenant(tenant);
                RequestLog.CallFailed(_logger, level, method, code, milliseconds, logged);
            }
        }
    }

    /// <summary>
    /// Warning for failures on the server's side (it could not serve: overload, deadline, unavailable replicas, bugs);
    /// Information for answers about the request itself (invalid, unknown key or tenant, conflicts, cancelled).
    /// </summary>
    public static LogLevel LevelOf(StatusCode status) => status switch
    {
        StatusCode.Unknown or StatusCode.DeadlineExceeded or StatusCode.ResourceExhausted or StatusCode.Internal
            or StatusCode.Unavailable or StatusCode.DataLoss => LogLevel.Warning,
        _ => LogLevel.Information,
    };

    private static string Tenant(string? tenant) => tenant switch
    {
        null => string.Empty,
        { Length: > MaxTenantChars } => tenant[..MaxTenantChars],
        _ => tenant,
    };

    /// <summary>"WriteKeyValue" of "/proto.CoordinatorService/WriteKeyValue", computed once per method.</summary>
    private string MethodName(string fullName) =>
        _methodNames.TryGetValue(fullName, out var name)
            ? name
            : _methodNames.GetOrAdd(fullName, static full => full[(full.LastIndexOf('/') + 1)..]);
}
