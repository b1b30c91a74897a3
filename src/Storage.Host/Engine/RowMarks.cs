using PairDb.Messages.Values;

namespace PairDb.Storage.Engine;

/// <summary>
/// The columns collection reads to skip the keys it cannot collect without decoding their versions: since when (local Unix microseconds) it has held only tombstones,
/// and the earliest expiry among its versions (Unix microseconds, the coordinator's stamp); each null when it does not apply.
/// </summary>
internal readonly record struct RowMarks(long? TombstoneSince, long? ExpiresAt)
{
    /// <summary>The marks of a key holding <paramref name="versions"/> (non-empty), stored at <paramref name="nowMicros"/>.</summary>
    public static RowMarks Of(IReadOnlyList<VersionedValue> versions, long nowMicros)
    {
        var allTombstones = true;
        long? earliest = null;
        for (var i = 0; i < versions.Count; i++)
        {
            var version = versions[i];
            allTombstones &= version.Tombstone;
            if (version.ExpiresAtMicros != 0 && (earliest is null || version.ExpiresAtMicros < earliest))
            {
                earliest = version.ExpiresAtMicros;
            }
        }

        return new RowMarks(allTombstones ? nowMicros : null, earliest);
    }
}
