namespace PairDb.Coordinator.Composition;

/// <summary>Source-generated log messages of storage membership (category PairDb.Ring), with stable event ids.</summary>
public static partial class RingLog
{
    [LoggerMessage(EventId = 2501, Level = LogLevel.Warning,
        Message = "Storage node {NodeId} lost its data: its database incarnation changed from {OldIncarnation} to {NewIncarnation}; it is rebuilding since {RebuildingSince:O} (takes writes, its reads do not count towards R until anti-entropy has refilled it).")]
    public static partial void RebuildDetected(ILogger logger, string nodeId, string oldIncarnation, string newIncarnation, DateTimeOffset rebuildingSince);
}
