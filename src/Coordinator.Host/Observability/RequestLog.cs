namespace PairDb.Coordinator.Observability;

/// <summary>Source-generated log messages of the request path, with stable event ids.</summary>
public static partial class RequestLog
{
    /// <summary>One line per failed call: the outline only (never keys or values; the status detail may carry a key).</summary>
    [LoggerMessage(EventId = 2301, Message = "{Method} failed with {StatusCode} after {DurationMs} ms for tenant '{Tenant}'.")]
    public static partial void CallFailed(ILogger logger, LogLevel level, string method, string statusCode, double durationMs, string tenant);
}
