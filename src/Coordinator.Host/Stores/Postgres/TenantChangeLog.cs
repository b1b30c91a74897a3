namespace PairDb.Coordinator.Stores.Postgres;

/// <summary>Source-generated log messages of the tenant change listener, with stable event ids.</summary>
internal static partial class TenantChangeLog
{
    [LoggerMessage(EventId = 4201, Level = LogLevel.Warning, Message = "Tenant change LISTEN connection failed; reconnecting in {DelayMs} ms.")]
    public static partial void ListenFailed(ILogger logger, double delayMs, Exception exception);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Error, Message = "A tenant change subscriber failed for tenant {TenantId}.")]
    public static partial void SubscriberFailed(ILogger logger, string tenantId, Exception exception);
}
