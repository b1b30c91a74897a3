namespace PairDb.Actors.Cores;

/// <summary>What a <see cref="KeyWriter{TReplyTo}"/> waits on; a shell maps each state to one behaviour.</summary>
public enum KeyWriterState
{
    /// <summary>No round in flight and nothing queued: the key may passivate.</summary>
    Idle,

    /// <summary>The round's client idempotency keys are being claimed (<see cref="KeyWriter{TReplyTo}.OnClaimed"/>).</summary>
    Claiming,

    /// <summary>The key's current versions are being read from a quorum (<see cref="KeyWriter{TReplyTo}.OnCurrentRead"/>).</summary>
    ReadingCurrent,

    /// <summary>
    /// The round's stamp is being recorded in its idempotency claims (<see cref="KeyWriter{TReplyTo}.OnStampsRecorded"/>)
    /// before it is sent, so a retry that takes over a lapsed claim knows what may sit on the replicas.
    /// </summary>
    Recording,

    /// <summary>The round's last stamp is being replicated (<see cref="KeyWriter{TReplyTo}.OnReplicated"/>).</summary>
    Replicating,

    /// <summary>
    /// Every write of the round is answered; its idempotency outcomes are being stored
    /// (<see cref="KeyWriter{TReplyTo}.OnSettled"/>), so a retry never sees a stale claim.
    /// </summary>
    Finishing,

    /// <summary>The shell stopped: every write was answered and nothing more is accepted.</summary>
    Stopped,
}
