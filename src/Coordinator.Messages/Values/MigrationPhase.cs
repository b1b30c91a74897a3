namespace PairDb.Messages.Values;

/// <summary>The step a running migration is in, in order.</summary>
public enum MigrationPhase
{
    /// <summary>Waiting for requests started before the change (and other coordinators' rings) to catch up.</summary>
    Settling,

    /// <summary>Copying ranges to their new replicas while writes also go to them.</summary>
    Streaming,

    /// <summary>Switching the ring (or the tenant's factor) to the new placement.</summary>
    Switching,

    /// <summary>Waiting out the grace period, then purging ranges from nodes that no longer own them.</summary>
    Cleanup,

    /// <summary>Finished (whatever the outcome).</summary>
    Done,
}
