namespace PairDb.Coordinator.Security;

/// <summary>The audit's log lines (category PairDb.Audit).</summary>
internal static partial class AuditLog
{
    [LoggerMessage(EventId = 2401, Level = LogLevel.Information, Message = "Audit: {Caller} called {Method} on '{Target}': {Status}.")]
    public static partial void AdminCall(ILogger logger, string caller, string method, string target, string status);

    [LoggerMessage(EventId = 2402, Level = LogLevel.Error, Message = "Audit: the record of {Caller} calling {Method} on '{Target}' ({Status}) could not be stored.")]
    public static partial void StoreFailed(ILogger logger, string caller, string method, string target, string status, Exception exception);
}
