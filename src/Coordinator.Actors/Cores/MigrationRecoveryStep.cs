namespace PairDb.Actors.Cores;

/// <summary>What the migration singleton does once it recovered its progress (<see cref="MigrationProgress.Reconcile"/>).</summary>
public enum MigrationRecoveryStep
{
    /// <summary>No migration is active anywhere: wait for a start request.</summary>
    None,

    /// <summary>The journal's active migration is the store's: run it, skipping its completed tasks.</summary>
    Resume,

    /// <summary>The store's active migration is not the journal's: persist its beginning, then run it from the start.</summary>
    Begin,

    /// <summary>The journal's active migration is no longer active in the store: persist its end.</summary>
    Close,
}
