using System.Collections.Immutable;
using PairDb.Messages.Protocols;
using PairDb.Messages.Values;

namespace PairDb.Actors.Cores;

/// <summary>
/// What the migration singleton resumes from: the active migration and the keys each of its finished tasks moved, as a
/// fold over the events of its journal. The events replay in the order they were persisted; a task event of another
/// migration than the active one (none is written, but a journal is data) changes nothing.
/// </summary>
public sealed record MigrationProgress(string? ActiveMigrationId, ImmutableDictionary<string, long> CompletedTasks)
{
    /// <summary>No migration active.</summary>
    public static MigrationProgress Idle { get; } = new(null, ImmutableDictionary.Create<string, long>(StringComparer.Ordinal));

    /// <summary>The state after <paramref name="migrationEvent"/>.</summary>
    public MigrationProgress Apply(MigrationEvent migrationEvent) => migrationEvent switch
    {
        MigrationBegun begun => Idle with { ActiveMigrationId = begun.MigrationId },
        MigrationTaskCompleted task when IsActive(task.MigrationId) && !CompletedTasks.ContainsKey(task.TaskId) =>
            this with { CompletedTasks = CompletedTasks.Add(task.TaskId, task.Keys) },
        MigrationEnded ended when IsActive(ended.MigrationId) => Idle,
        _ => this,
    };

    /// <summary>
    /// What to do once recovered, given the metadata store's active migration (<paramref name="activeInStore"/>, or
    /// null): resume the journal's one, take on one the journal never heard of (its start was recorded in the store but
    /// the singleton stopped before persisting it), or close the journal's one (it ended in the store but the singleton
    /// stopped before persisting that).
    /// </summary>
    public MigrationRecoveryStep Reconcile(MigrationRecord? activeInStore)
    {
        if (activeInStore is null)
        {
            return ActiveMigrationId is null ? MigrationRecoveryStep.None : MigrationRecoveryStep.Close;
        }

        return IsActive(activeInStore.Id) ? MigrationRecoveryStep.Resume : MigrationRecoveryStep.Begin;
    }

    private bool IsActive(string migrationId) => string.Equals(ActiveMigrationId, migrationId, StringComparison.Ordinal);
}
