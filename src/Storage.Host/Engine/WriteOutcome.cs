namespace PairDb.Storage.Engine;

/// <summary>Result of a write-side engine call: its status and how many versions the key holds afterwards.</summary>
public readonly record struct WriteOutcome(WriteStatus Status, int SiblingCount)
{
    /// <summary>True when the write changed the key.</summary>
    public bool Applied => Status == WriteStatus.Applied;
}
