namespace PairDb.Actors.Kernel;

/// <summary>An Ask was refused at once because the mailbox was full (maps to RESOURCE_EXHAUSTED at the edge).</summary>
public sealed class MailboxFullException : InvalidOperationException
{
    public MailboxFullException(string path, int capacity)
        : base($"Mailbox of {path} is full ({capacity} messages); request refused.")
    {
        Path = path;
        Capacity = capacity;
    }

    /// <summary>The refusing actor.</summary>
    public string Path { get; }

    /// <summary>Its mailbox capacity.</summary>
    public int Capacity { get; }
}
