namespace PairDb.Actors.Kernel;

/// <summary>Outcome of a Tell: delivered, or refused at once with the reason.</summary>
public enum TellResult
{
    /// <summary>The message is in the mailbox.</summary>
    Delivered,

    /// <summary>The mailbox holds its capacity; the message was dropped and counted as an overflow.</summary>
    MailboxFull,

    /// <summary>The actor has stopped; the message was dropped.</summary>
    Stopped,

    /// <summary>A shard region is at its live-entity bound and no idle entity could be passivated.</summary>
    RegionFull,
}
