namespace PairDb.Coordinator.Composition;

/// <summary>Source-generated log messages of the coordinator host, with stable event ids.</summary>
public static partial class CoordinatorLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information,
        Message = "Coordinator {NodeId} serving gRPC on {Bind}:{GrpcPort}, health on port {HealthPort}; data in {DataDir}; {Nodes} storage nodes in the ring ({Embedded} embedded).")]
    public static partial void Started(ILogger logger, string nodeId, string bind, int grpcPort, int healthPort, string dataDir, int nodes, int embedded);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Critical, Message = "Coordinator failed to start.")]
    public static partial void StartFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Configuration: {Warning}")]
    public static partial void ConfigurationWarning(ILogger logger, string warning);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning,
        Message = "The cluster downed this coordinator (split-brain resolver or an operator's down); exiting with code {ExitCode} for its supervisor to start it again as a new member.")]
    public static partial void Downed(ILogger logger, int exitCode);
}
