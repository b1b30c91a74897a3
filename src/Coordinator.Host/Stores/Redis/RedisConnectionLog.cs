using System.Net;
using StackExchange.Redis;

namespace PairDb.Coordinator.Stores.Redis;

/// <summary>Source-generated log messages of the Redis connection, with stable event ids.</summary>
internal static partial class RedisConnectionLog
{
    [LoggerMessage(EventId = 4301, Level = LogLevel.Warning,
        Message = "Redis connection to {EndPoint} failed ({FailureType}); commands wait in the backlog up to the async timeout while it reconnects.")]
    public static partial void ConnectionFailed(ILogger logger, EndPoint? endPoint, ConnectionFailureType failureType, Exception? exception);

    [LoggerMessage(EventId = 4302, Level = LogLevel.Information, Message = "Redis connection to {EndPoint} restored.")]
    public static partial void ConnectionRestored(ILogger logger, EndPoint? endPoint);

    [LoggerMessage(EventId = 4303, Level = LogLevel.Warning, Message = "Redis reported an internal error at {EndPoint} ({Origin}).")]
    public static partial void InternalError(ILogger logger, EndPoint? endPoint, string? origin, Exception exception);
}
