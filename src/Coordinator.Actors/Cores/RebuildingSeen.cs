namespace PairDb.Actors.Cores;

/// <summary>
/// The anti-entropy scheduler's own view of the rebuilding marks. A mark is stamped by the clock of the coordinator
/// that found the node wiped, while the scheduler times its syncs by its own clock; a sync counts towards a refill
/// only if it began after the wipe, so it is judged against the moment the scheduler first saw that mark, on its own
/// clock (after the mark was recorded, so after the wipe). A skew between the two clocks can then neither pass off a
/// sync that began before the wipe as its refill, nor put the threshold in the scheduler's future.
/// </summary>
public sealed class RebuildingSeen
{
    private readonly Dictionary<string, (DateTimeOffset Mark, DateTimeOffset Seen)> _seen = new(StringComparer.Ordinal);

    /// <summary>
    /// The marks to judge syncs against, given the ring's <paramref name="marks"/> read at <paramref name="now"/> (the
    /// scheduler's clock): for each node, when the scheduler first saw its current mark. Forgets nodes no longer marked.
    /// </summary>
    public IReadOnlyDictionary<string, DateTimeOffset> Observe(IReadOnlyDictionary<string, DateTimeOffset> marks, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(marks);
        foreach (var node in _seen.Keys.Where(node => !marks.ContainsKey(node)).ToList())
        {
            _seen.Remove(node);
        }

        var judged = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var (node, mark) in marks)
        {
            if (!_seen.TryGetValue(node, out var seen) || seen.Mark != mark)
            {
                seen = (mark, now);
                _seen[node] = seen;
            }

            judged[node] = seen.Seen;
        }

        return judged;
    }
}
