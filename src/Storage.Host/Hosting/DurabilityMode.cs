namespace PairDb.Storage.Hosting;

/// <summary>When an acknowledged write is safe: after an fsync of the write-ahead log, or once the OS has it.</summary>
public enum DurabilityMode
{
    /// <summary>SQLite synchronous=FULL: the WAL is fsynced by every group commit; survives power loss.</summary>
    Fsync,

    /// <summary>SQLite synchronous=NORMAL: the WAL is written but fsynced only at checkpoints; survives a process crash, not a power loss.</summary>
    Os,
}
