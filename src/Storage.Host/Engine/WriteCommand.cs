namespace PairDb.Storage.Engine;

/// <summary>
/// One unit of work for the group-commit loop. Execute runs inside the batch transaction and only records its
/// result; Complete publishes it after the commit, so no caller sees a write that could still roll back.
/// </summary>
internal abstract class WriteCommand
{
    /// <summary>Bytes this command holds while queued (counted against the queue's byte bound).</summary>
    public long QueuedBytes { get; protected init; }

    /// <summary>Change in the number of keys once committed.</summary>
    public long KeyDelta { get; protected set; }

    /// <summary>Change in stored bytes once committed.</summary>
    public long ByteDelta { get; protected set; }

    public abstract void Execute(WriterSession session);

    public abstract void Complete();

    public abstract void Fail(Exception error);
}
