namespace PairDb.Coordinator.Configuration;

/// <summary>How log entries are written to stdout.</summary>
public enum LogFormat
{
    /// <summary>One JSON object per line, for log pipelines.</summary>
    Json,

    /// <summary>One readable line per entry, for a terminal.</summary>
    Text,
}
