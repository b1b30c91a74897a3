namespace PairDb.Messages.Protocols;

/// <summary>
/// What the migration singleton persists (Akka.Persistence): enough to resume the active migration where it was when
/// the singleton moves to another coordinator. The migration's record (type, phase, progress) stays in the metadata
/// store; the journal holds which migration is active and which of its tasks finished.
/// </summary>
public abstract record MigrationEvent(string MigrationId);

/// <summary>The singleton took <paramref name="MigrationId"/> on: no task of it has finished yet.</summary>
public sealed record MigrationBegun(string MigrationId) : MigrationEvent(MigrationId);

/// <summary>A task (a range copy or purge) of the migration finished, having moved <paramref name="Keys"/> keys.</summary>
public sealed record MigrationTaskCompleted(string MigrationId, string TaskId, long Keys) : MigrationEvent(MigrationId);

/// <summary>The migration completed or failed: nothing is left to resume.</summary>
public sealed record MigrationEnded(string MigrationId) : MigrationEvent(MigrationId);
