using PairDb.Messages.Values;

namespace PairDb.Storage.Engine;

/// <summary>
/// What CollectTombstones keeps of a key, given the cutoff of a pass that found every replica of its range in
/// agreement: versions that expired at or before the cutoff go; then, if every remaining version is a tombstone stamped
/// at or before the cutoff, the key goes too. A newer tombstone or any live version keeps the key.
/// </summary>
internal static class CollectRule
{
    /// <summary>
    /// The versions to keep (empty: delete the key; the same count as <paramref name="versions"/>: nothing changes) and
    /// how many were removed for having expired.
    /// </summary>
    public static (List<VersionedValue> Kept, int Expired) Apply(IReadOnlyList<VersionedValue> versions, long cutoffMicros)
    {
        var kept = new List<VersionedValue>(versions.Count);
        var allOldTombstones = true;
        for (var i = 0; i < versions.Count; i++)
        {
            var version = versions[i];
            if (version.ExpiresAtMicros > 0 && version.ExpiresAtMicros <= cutoffMicros)
            {
                continue;
            }

            kept.Add(version);
            allOldTombstones &= version.Tombstone && version.TimestampMicros <= cutoffMicros;
        }

        var expired = versions.Count - kept.Count;
        if (allOldTombstones)
        {
            kept.Clear();
        }

        return (kept, expired);
    }
}
