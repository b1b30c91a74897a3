using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Numerics;

namespace PairDb.Rpc.Observability;

/// <summary>
/// What a collector keeps for one instrument: its exported name, type and constant labels (meter and instrument
/// tags), and one series per distinct set of measurement tags.
/// </summary>
internal sealed class InstrumentState
{
    private readonly ConcurrentDictionary<LabelSet, MetricSeries> _series = new(LabelSetComparer.Instance);
    private readonly ConcurrentDictionary<LabelSet, MetricSeries>.AlternateLookup<ReadOnlySpan<KeyValuePair<string, object?>>> _lookup;
    private readonly Aggregation _aggregation;
    private readonly double[]? _bounds;
    private readonly KeyValuePair<string, string>[] _constantLabels;

    private InstrumentState(Instrument instrument, MetricType type, Aggregation aggregation, double[]? bounds)
    {
        _lookup = _series.GetAlternateLookup<ReadOnlySpan<KeyValuePair<string, object?>>>();
        _aggregation = aggregation;
        _bounds = bounds;
        Type = type;
        var name = PrometheusText.MetricName(instrument.Name);
        Name = type == MetricType.Counter && !name.EndsWith("_total", StringComparison.Ordinal) ? name + "_total" : name;
        Help = string.IsNullOrEmpty(instrument.Description) ? instrument.Name : instrument.Description;
        IsObservable = instrument.IsObservable;
        _constantLabels = ConstantLabels(instrument);
    }

    /// <summary>The exported family name (counters end in "_total").</summary>
    public string Name { get; }

    public string Help { get; }

    public MetricType Type { get; }

    /// <summary>True for instruments whose callbacks report on demand; their series are rebuilt at every collection.</summary>
    public bool IsObservable { get; }

    /// <summary>The state for an instrument of a supported kind; null for kinds this exporter does not render.</summary>
    public static InstrumentState? For(Instrument instrument, double[] defaultBounds)
    {
        var definition = instrument.GetType() is { IsGenericType: true } type ? type.GetGenericTypeDefinition() : null;
        if (definition == typeof(Counter<>))
        {
            return new(instrument, MetricType.Counter, Aggregation.Sum, null);
        }

        if (definition == typeof(ObservableCounter<>))
        {
            // An observable counter reports its running total, not an increment.
            return new(instrument, MetricType.Counter, Aggregation.LastValue, null);
        }

        if (definition == typeof(UpDownCounter<>))
        {
            return new(instrument, MetricType.Gauge, Aggregation.Sum, null);
        }

        if (definition == typeof(ObservableUpDownCounter<>) || definition == typeof(ObservableGauge<>) || definition == typeof(Gauge<>))
        {
            return new(instrument, MetricType.Gauge, Aggregation.LastValue, null);
        }

        if (definition == typeof(Histogram<>))
        {
            return new(instrument, MetricType.Histogram, Aggregation.Histogram, AdvisedBounds(instrument) ?? defaultBounds);
        }

        return null;
    }

    public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (!_lookup.TryGetValue(tags, out var series))
        {
            series = new MetricSeries(_bounds);
            if (!_lookup.TryAdd(tags, series))
            {
                _lookup.TryGetValue(tags, out series);
            }
        }

        switch (_aggregation)
        {
            case Aggregation.Sum:
                series!.Add(value);
                break;
            case Aggregation.LastValue:
                series!.Set(value);
                break;
            default:
                series!.Observe(value);
                break;
        }
    }

    /// <summary>Forgets every series (before an observable instrument reports afresh, so vanished series vanish).</summary>
    public void Clear() => _series.Clear();

    /// <summary>Adds a sample per series: constant labels first, then the series' own (which win on a clash).</summary>
    public void AppendSamples(List<MetricSample> samples)
    {
        foreach (var (labels, series) in _series)
        {
            samples.Add(series.Snapshot(Combine(labels.Labels)));
        }
    }

    private KeyValuePair<string, string>[] Combine(KeyValuePair<string, string>[] own)
    {
        if (_constantLabels.Length == 0)
        {
            return own;
        }

        var combined = new List<KeyValuePair<string, string>>(_constantLabels.Length + own.Length);
        foreach (var constant in _constantLabels)
        {
            if (Array.FindIndex(own, label => string.Equals(label.Key, constant.Key, StringComparison.Ordinal)) < 0)
            {
                combined.Add(constant);
            }
        }

        combined.AddRange(own);
        return [.. combined];
    }

    private static KeyValuePair<string, string>[] ConstantLabels(Instrument instrument)
    {
        var labels = new List<KeyValuePair<string, string>>();
        AddTags(labels, instrument.Meter.Tags);
        AddTags(labels, instrument.Tags);
        labels.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        return [.. labels];
    }

    private static void AddTags(List<KeyValuePair<string, string>> labels, IEnumerable<KeyValuePair<string, object?>>? tags)
    {
        if (tags is null)
        {
            return;
        }

        foreach (var tag in tags)
        {
            labels.RemoveAll(label => string.Equals(label.Key, tag.Key, StringComparison.Ordinal));
            labels.Add(new(tag.Key, LabelSet.ValueText(tag.Value)));
        }
    }

    private static double[]? AdvisedBounds(Instrument instrument) => instrument switch
    {
        Instrument<double> i => Bounds(i.Advice?.HistogramBucketBoundaries),
        Instrument<float> i => Bounds(i.Advice?.HistogramBucketBoundaries),
        Instrument<long> i => Bounds(i.Advice?.HistogramBucketBoundaries),
        Instrument<int> i => Bounds(i.Advice?.HistogramBucketBoundaries),
        Instrument<short> i => Bounds(i.Advice?.HistogramBucketBoundaries),
        Instrument<byte> i => Bounds(i.Advice?.HistogramBucketBoundaries),
        Instrument<decimal> i => Bounds(i.Advice?.HistogramBucketBoundaries),
        _ => null,
    };

    /// <summary>Advised bounds as strictly increasing finite doubles; null when none were advised.</summary>
    private static double[]? Bounds<T>(IReadOnlyList<T>? advised)
        where T : struct, INumberBase<T>
    {
        if (advised is null || advised.Count == 0)
        {
            return null;
        }

        var bounds = new SortedSet<double>();
        foreach (var bound in advised)
        {
            var value = double.CreateSaturating(bound);
            if (double.IsFinite(value))
            {
                bounds.Add(value);
            }
        }

        return bounds.Count == 0 ? null : [.. bounds];
    }
}
