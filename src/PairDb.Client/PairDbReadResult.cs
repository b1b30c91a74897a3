namespace PairDb.Client;

/// <summary>A key's value as a read found it.</summary>
/// <param name="Key">The key read.</param>
/// <param name="Value">The winning version's value (last write wins among siblings).</param>
/// <param name="Clock">The merged clock of every version found: as a write's context it supersedes all of them.</param>
/// <param name="Siblings">Every concurrent version when there was more than one; empty otherwise.</param>
/// <param name="Timestamp">When the winning version was stamped.</param>
/// <param name="ExpiresAt">When the winning version expires; null when it never does.</param>
public sealed record PairDbReadResult(
    string Key, byte[] Value, PairDbClock Clock, IReadOnlyList<PairDbSibling> Siblings, DateTimeOffset Timestamp, DateTimeOffset? ExpiresAt)
{
    /// <summary>True when the read found concurrent versions (see <see cref="Siblings"/>).</summary>
    public bool HasSiblings => Siblings.Count > 1;

    /// <summary>
    /// The values a merge has to combine: those of the live (not deleted) siblings, or the single value when there
    /// are no siblings.
    /// </summary>
    public IReadOnlyList<byte[]> LiveValues =>
        HasSiblings ? [.. Siblings.Where(static s => !s.IsTombstone).Select(static s => s.Value)] : [Value];
}
