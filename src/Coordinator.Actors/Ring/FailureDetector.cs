namespace PairDb.Actors.Ring;

/// <summary>
/// Pure failure detector over health probes: a node is down after <c>threshold</c> consecutive failed probes
/// and up again at its first successful one. Unknown nodes start up, so a fresh coordinator tries them. The reason of a
/// node's last failed probe is kept while it is down, so readiness and refusals can say why (unreachable, or another
/// node answering at its address).
/// </summary>
public sealed class FailureDetector
{
    private readonly int _threshold;
    private readonly Dictionary<string, int> _consecutiveFailures = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _lastFailure = new(StringComparer.Ordinal);

    public FailureDetector(int threshold)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threshold, 1);
        _threshold = threshold;
    }

    /// <summary>Records a probe and, for a failed one, its reason; true when the node's up/down state or, while down, its reason changed.</summary>
    public bool Record(string nodeId, bool success, string? reason = null)
    {
        var wasDown = IsDown(nodeId);
        var oldReason = _lastFailure.GetValueOrDefault(nodeId);
        _consecutiveFailures[nodeId] = success ? 0 : _consecutiveFailures.GetValueOrDefault(nodeId) + 1;
        if (success)
        {
            _lastFailure.Remove(nodeId);
        }
        else if (!string.IsNullOrEmpty(reason))
        {
            _lastFailure[nodeId] = reason;
        }

        return wasDown != IsDown(nodeId) || (wasDown && !string.Equals(oldReason, _lastFailure.GetValueOrDefault(nodeId), StringComparison.Ordinal));
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
                _lastFailure.Remove(known);
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

    /// <summary>The reason of the last failed probe of each node currently down (nodes failed without a reason are absent).</summary>
    public IReadOnlyDictionary<string, string> DownReasons()
    {
        var reasons = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (nodeId, reason) in _lastFailure)
        {
            if (IsDown(nodeId))
            {
                reasons[nodeId] = reason;
            }
        }

        return reasons;
    }
}
