namespace PairDb.Coordinator.Replicas;

/// <summary>Source-generated log messages of replica calls, with stable event ids.</summary>
internal static partial class ReplicaClientLog
{
    [LoggerMessage(EventId = 4201, Level = LogLevel.Debug, Message = "Replica {NodeId} at {Address}: {Method} failed: {Reason}")]
    public static partial void CallFailed(ILogger logger, string nodeId, string address, string method, string reason);
}
