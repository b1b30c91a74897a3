using System.Collections.Concurrent;
using PairDb.Rpc;
using PairDb.Rpc.Server;

namespace PairDb.Coordinator.Observability;

/// <summary>
/// The coordinator's one hook on the gRPC server layer: counts every call by method and status, records its
/// duration, and writes one log line per failed call with the tenant the edge attached, the method, the status and
/// the duration — nothing of the request's key or value.
/// </summary>
public sealed class RequestTelemetry : IServerCallObserver
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

    public void OnCallCompleted(in CompletedCall call)
    {
        var method = MethodName(call.Method);
        var code = StatusCodeNames.Of(call.Status);
        CoordinatorInstruments.Requests.Add(1, new KeyValuePair<string, object?>("method", method), new KeyValuePair<string, object?>("code", code));
        CoordinatorInstruments.RequestDuration.Record(call.Duration.TotalSeconds, new KeyValuePair<string, object?>("method", method));
        if (call.Status != StatusCode.OK)
        {
            var level = LevelOf(call.Status);
            if (_logger.IsEnabled(level))
            {
                var milliseconds = Math.Round(call.Duration.TotalMilliseconds, 3);
                var tenant = Tenant(call.Tenant);
                RequestLog.CallFailed(_logger, level, method, code, milliseconds, tenant);
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
