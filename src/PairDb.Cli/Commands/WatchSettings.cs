namespace PairDb.Cli.Commands;

/// <summary>Whether to follow a migration to its end, and how often to poll it.</summary>
public sealed record WatchSettings(bool Enabled, TimeSpan Interval);
