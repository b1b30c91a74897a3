using PairDb.Messages.Values;

namespace PairDb.Storage.Engine;

/// <summary>
/// Result of a write-side engine call: its status, how many versions the key holds afterwards and, only for
/// <see cref="WriteStatus.Conflict"/>, the key's stored versions (null otherwise, so other outcomes allocate nothing).
/// </summary>
/// <param name="Status">What happened.</param>
/// <param name="SiblingCount">Versions the key holds after the call (unchanged unless applied).</param>
/// <param name="Current">
/// With <see cref="WriteStatus.Conflict"/>: every stored version, tombstones included, as read inside the writer's
/// transaction (values are slices of the stored row, not copies).
/// </param>
public readonly record struct WriteOutcome(WriteStatus Status, int SiblingCount, IReadOnlyList<VersionedValue>? Current = null)
{
    /// <summary>True when the write changed the key.</summary>
    public bool Applied => Status == WriteStatus.Applied;

    /// <summary>True when a conditional write was refused because a stored version is not strictly older.</summary>
    public bool Conflict => Status == WriteStatus.Conflict;
}
