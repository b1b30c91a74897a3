using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Numerics;
using Prometheus;

namespace PairDb.Storage.Observability;

/// <summary>
/// What the exporter keeps for one instrument: its Prometheus name, help, kind, buckets and constant labels (meter and
/// instrument tags), and one <see cref="ExportedSeries"/> per distinct set of measurement tags. Instruments with the
/// same name (one per storage node meter, told apart by the node tag) share one prometheus-net collector.
/// </summary>
internal sealed class ExportedInstrument
{
    private readonly ConcurrentDictionary<TagSet, ExportedSeries> _series = new(TagSetComparer.Instance);
    private readonly ConcurrentDictionary<TagSet, ExportedSeries>.AlternateLookup<ReadOnlySpan<KeyValuePair<string, object?>>> _lookup;
    private readonly IMetricFactory _factory;
    private readonly ExportKind _kind;
    private readonly string _name;
    private readonly string _help;
    private readonly double[]? _bounds;
    private readonly KeyValuePair<string, string>[] _constantLabels;
    private volatile bool _refused;
    private long _round;

    private ExportedInstrument(Instrument instrument, IMetricFactory factory, ExportKind kind, double[]? bounds)
    {
        _lookup = _series.GetAlternateLookup<ReadOnlySpan<KeyValuePair<string, object?>>>();
        _factory = factory;
        _kind = kind;
        _bounds = bounds;
        var name = PrometheusNames.MetricName(instrument.Name);
        var counter = kind is ExportKind.Counter or ExportKind.ObservedCounter;
        _name = counter && !name.EndsWith("_total", StringComparison.Ordinal) ? name + "_total" : name;
        _help = PrometheusNames.Help(string.IsNullOrEmpty(instrument.Description) ? instrument.Name : instrument.Description);
        _constantLabels = ConstantLabels(instrument);
        IsObservable = instrument.IsObservable;
    }

    /// <summary>True for instruments whose callbacks report on demand: series they stop reporting are retired.</summary>
    public bool IsObservable { get; }

    /// <summary>The export of an instrument of a supported kind; null for kinds Prometheus has no type for.</summary>
    public static ExportedInstrument? For(Instrument instrument, IMetricFactory factory, double[] defaultBounds)
    {
        var definition = instrument.GetType() is { IsGenericType: true } type ? type.GetGenericTypeDefinition() : null;
        ExportKind? kind =
            definition == typeof(Counter<>) ? ExportKind.Counter
            : definition == typeof(ObservableCounter<>) ? ExportKind.ObservedCounter
            : definition == typeof(UpDownCounter<>) ? ExportKind.UpDownGauge
            : definition == typeof(ObservableUpDownCounter<>) || definition == typeof(ObservableGauge<>) || definition == typeof(Gauge<>) ? ExportKind.Gauge
            : definition == typeof(Histogram<>) ? ExportKind.Histogram
            : null;
        return kind switch
        {
            null => null,
            ExportKind.Histogram => new(instrument, factory, ExportKind.Histogram, AdvisedBounds(instrument) ?? defaultBounds),
            _ => new(instrument, factory, kind.Value, null),
        };
    }

    public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (!_lookup.TryGetValue(tags, out var series) && (series = AddSeries(tags)) is null)
        {
            return;
        }

        if (IsObservable)
        {
            series.Round = _round;
        }

        series.Record(value);
    }

    /// <summary>Starts a round of observable callbacks; <see cref="EndObservation"/> retires the series it did not report.</summary>
    public void BeginObservation() => _round++;

    public void EndObservation()
    {
        foreach (var (tags, series) in _series)
        {
            if (series.Round != _round && _series.TryRemove(tags, out _))
            {
                series.Retire();
            }
        }
    }

    /// <summary>The instrument is gone (its meter was disposed): so are its series.</summary>
    public void Retire()
    {
        foreach (var (tags, series) in _series)
        {
            if (_series.TryRemove(tags, out _))
            {
                series.Retire();
            }
        }
    }

    /// <summary>Creates the series of a tag set not seen before; null when the registry refuses the instrument.</summary>
    private ExportedSeries? AddSeries(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (_refused)
        {
            return null;
        }

        var (names, values) = Labels(TagSet.From(tags));
        ChildBase child;
        try
        {
            child = _kind switch
            {
                ExportKind.Counter or ExportKind.ObservedCounter => _factory.CreateCounter(_name, _help, names).WithLabels(values),
                ExportKind.Histogram => _factory.CreateHistogram(_name, _help, names, new HistogramConfiguration { Buckets = _bounds }).WithLabels(values),
                _ => _factory.CreateGauge(_name, _help, names).WithLabels(values),
            };
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // Another instrument of another kind already owns the name, or the labels clash after sanitising: this
            // instrument is left out, and recording into it stays a no-op rather than throwing into the caller.
            _refused = true;
            return null;
        }

        var series = new ExportedSeries(_kind, child, names.Length > 0);
        return _lookup.TryAdd(tags, series) ? series : _lookup.TryGetValue(tags, out var existing) ? existing : null;
    }

    /// <summary>Constant labels first, then the measurement's own in name order (an own label wins a name clash).</summary>
    private (string[] Names, string[] Values) Labels(TagSet own)
    {
        var labels = new List<KeyValuePair<string, string>>(_constantLabels.Length + own.Tags.Length);
        foreach (var constant in _constantLabels)
        {
            if (Array.FindIndex(own.Tags, tag => string.Equals(tag.Key, constant.Key, StringComparison.Ordinal)) < 0)
            {
                labels.Add(constant);
            }
        }

        labels.AddRange(own.Tags);
        var names = new string[labels.Count];
        var values = new string[labels.Count];
        for (var i = 0; i < labels.Count; i++)
        {
            names[i] = PrometheusNames.LabelName(labels[i].Key);
            values[i] = labels[i].Value;
        }

        return (names, values);
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
            labels.Add(new(tag.Key, TagSet.ValueText(tag.Value)));
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

    /// <summary>Advised bounds as strictly increasing finite doubles (what prometheus-net requires); null when none.</summary>
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
