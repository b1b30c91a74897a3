using PairDb.Messages.Values;

namespace PairDb.Actors.Ports;

/// <summary>
/// The operator-visible records of data migrations (status, phase, progress), written by the migration singleton and
/// read by every coordinator's admin edge. At most one migration is active (pending or in progress) at a time,
/// enforced by the store. Which tasks of a migration finished is the singleton's own journal, not the store's.
/// </summary>
public interface IMigrationStore
{
    /// <summary>Records a new active migration; false when another one is active.</summary>
    Task<bool> TryCreateMigrationAsync(MigrationRecord migration, CancellationToken cancellationToken);

    Task<MigrationRecord?> GetMigrationAsync(string migrationId, CancellationToken cancellationToken);

    /// <summary>Newest first; only pending and in-progress ones when <paramref name="activeOnly"/>.</summary>
    Task<IReadOnlyList<MigrationRecord>> ListMigrationsAsync(bool activeOnly, CancellationToken cancellationToken);

    /// <summary>
    /// Stores status, phase, progress, stamps, error and owner. Keys migrated never decrease (a resumed migration
    /// recounts its unfinished tasks from zero), and a migration that finished stops counting as active.
    /// </summary>
    Task UpdateMigrationAsync(MigrationRecord migration, CancellationToken cancellationToken);
}
