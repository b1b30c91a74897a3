using System.Collections.Concurrent;

namespace PairDb.Coordinator.RateLimits;

/// <summary>
/// Metric label values for an open set of names (tenant ids): the first <c>capacity</c> distinct names are their own
/// label, every later one shares <c>overflow</c>, so the series of a metric stay bounded whatever clients send.
/// </summary>
internal sealed class BoundedLabels(int capacity, string overflow)
{
    private readonly ConcurrentDictionary<string, string> _named = new(StringComparer.Ordinal);
    private int _count;

    public string Of(string name)
    {
        if (_named.ContainsKey(name))
        {
            return name;
        }

        // Reserve a place before adding, so concurrent first sightings never name more than the capacity.
        if (Interlocked.Increment(ref _count) > capacity)
        {
            Interlocked.Decrement(ref _count);
            return overflow;
        }

        if (!_named.TryAdd(name, name))
        {
            Interlocked.Decrement(ref _count);
        }

        return name;
    }
}
