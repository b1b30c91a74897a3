namespace PairDb.Storage.Hosting;

/// <summary>Source-generated log messages of the storage node, with stable event ids.</summary>
internal static partial class StorageLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information,
        Message = "Storage node {NodeId} (incarnation {Incarnation}) serving gRPC on {Address}, health on {HealthAddress}, data in {DataDirectory} (durability {Durability}, {Keys} keys).")]
    public static partial void Started(
        ILogger logger, string nodeId, string incarnation, string address, string healthAddress, string dataDirectory, string durability, long keys);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Warning, Message = "Storage node {NodeId} configuration: {Warning}")]
    public static partial void ConfigurationWarning(ILogger logger, string nodeId, string warning);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Information, Message = "Storage node {NodeId} stopped.")]
    public static partial void Stopped(ILogger logger, string nodeId);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Information, Message = "Storage node {NodeId} is ready again: {Status}.")]
    public static partial void ReadyAgain(ILogger logger, string nodeId, string status);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Information, Message = "Storage node {NodeId} is not ready: {Status}.")]
    public static partial void NotReadyWhileStopping(ILogger logger, string nodeId, string status);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Warning, Message = "Storage node {NodeId} is not ready: {Status}.")]
    public static partial void NotReady(ILogger logger, string nodeId, string status);
}
