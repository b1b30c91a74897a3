namespace PairDb.Rpc.Observability;

/// <summary>The running value of one series: a number, or a histogram's bucket counts and sum.</summary>
internal sealed class MetricSeries
{
    private readonly Lock _lock = new();
    private readonly double[]? _bounds;
    private readonly long[]? _buckets;
    private double _value;

    public MetricSeries(double[]? bounds)
    {
        _bounds = bounds;
        _buckets = bounds is null ? null : new long[bounds.Length + 1];
    }

    public void Add(double value)
    {
        lock (_lock)
        {
            _value += value;
        }
    }

    public void Set(double value)
    {
        lock (_lock)
        {
            _value = value;
        }
    }

    /// <summary>Counts a histogram observation into the first bucket whose bound is at least the value ("le").</summary>
    public void Observe(double value)
    {
        var bounds = _bounds!;
        var bucket = 0;
        while (bucket < bounds.Length && value > bounds[bucket])
        {
            bucket++;
        }

        lock (_lock)
        {
            _buckets![bucket]++;
            _value += value;
        }
    }

    public MetricSample Snapshot(IReadOnlyList<KeyValuePair<string, string>> labels)
    {
        lock (_lock)
        {
            return _buckets is null
                ? new MetricSample(labels, _value)
                : new MetricSample(labels, 0, new HistogramValue(_bounds!, (long[])_buckets.Clone(), _value));
        }
    }
}
