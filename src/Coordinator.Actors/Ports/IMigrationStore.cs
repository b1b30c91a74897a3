using PairDb.Messages.Values;

namespace PairDb.Actors.Ports;

/// <summary>
/// Persisted data migrations and their per-task checkpoints, so a restarted coordinator resumes a migration where
/// it stopped. At most one migration is active (pending or in progress) at a time, enforced by the store.
/// </summary>
public interface IMigrationStore
{
    /// <summary>Records a new active migration; false when another one is active.</summary>
    Task<bool> TryCreateMigrationAsync(MigrationRecord migration, CancellationToken cancellationToken);

    Task<MigrationRecord?> GetMigrationAsync(string migrationId, CancellationToken cancellationToken);

    /// <summary>Newest first; only pending and in-progress ones when <paramref name="activeOnly"/>.</summary>
    Task<IReadOnlyList<MigrationRecord>> ListMigrationsAsync(bool activeOnly, CancellationToken cancellationToken);

    /// <summary>
    /// Stores status, phase, progress, stamps and error (the lease changes only through
    /// <see cref="TryLeaseMigrationAsync"/>). Keys migrated never decrease (a resumed migration
    /// recounts its unfinished tasks from zero), and a migration that finished stops counting as active.
    /// </summary>
    Task UpdateMigrationAsync(MigrationRecord migration, CancellationToken cancellationToken);

    /// <summary>Takes or renews the run lease: succeeds when <paramref name="owner"/> holds it or it expired.</summary>
    Task<bool> TryLeaseMigrationAsync(string migrationId, string owner, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>Ids of the tasks of the migration that completed, with the keys each copied.</summary>
    Task<IReadOnlyDictionary<string, long>> CompletedTasksAsync(string migrationId, CancellationToken cancellationToken);

    /// <summary>Checkpoints one finished task (idempotent).</summary>
    Task CompleteTaskAsync(string migrationId, string taskId, long keysCopied, DateTimeOffset now, CancellationToken cancellationToken);
}
