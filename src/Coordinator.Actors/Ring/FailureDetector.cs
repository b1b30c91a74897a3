namespace PairDb.Actors.Ring;

/// <summary>
/// Pure failure detector over health probes: a node is down after <c>threshold</c> consecutive failed probes
/// and up again at its first successful one. Unknown nodes start up, so a fresh coordinator tries them.
/// </summary>
public sealed class FailureDetector
{
    private readonly int _threshold;
    private readonly Dictionary<string, int> _consecutiveFailures = new(StringComparer.Ordinal);

    public FailureDetector(int threshold)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threshold, 1);
        _threshold = threshold;
    }

    /// <summary>Records a probe; returns true when the node's up/down state changed.</summary>
    public bool Record(string nodeId, bool success)
    {
        var wasDown = IsDown(nodeId);
        _consecutiveFailures[nodeId] = success ? 0 : _consecutiveFailures.GetValueOrDefault(nodeId) + 1;
        return wasDown != IsDown(nodeId);
    }

    public bool IsDown(string nodeId) => _consecutiveFailures.GetValueOrDefault(nodeId) >= _threshold;

    /// <summary>Forgets nodes that left the membership.</summary>
    public void Retain(IReadOnlyCollection<string> nodeIds)
    {
        foreach (var known in _consecutiveFailures.Keys.ToArray())
        {
            if (!nodeIds.Contains(known))
            {
                _consecutiveFailures.Remove(known);
            }
        }
    }

    /// <summary>The ids currently considered down.</summary>
    public IReadOnlySet<string> DownNodes()
    {
        var down = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (nodeId, failures) in _consecutiveFailures)
        {
            if (failures >= _threshold)
            {
                down.Add(nodeId);
            }
        }

        return down;
    }
}
