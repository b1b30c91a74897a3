using System.Diagnostics.Metrics;
using System.Numerics;

namespace PairDb.Rpc.Observability;

/// <summary>
/// Aggregates System.Diagnostics.Metrics instruments for a Prometheus scrape: counters (tags become labels),
/// up-down counters and gauges, observable instruments (read at each collection) and histograms (explicit buckets
/// from the instrument's advice, else <see cref="DefaultBounds"/>). Instruments with the same exported name, e.g.
/// one per storage node meter told apart by a meter tag, are merged into one family.
/// </summary>
public sealed class MetricsCollector : IDisposable
{
    /// <summary>Histogram bounds when an instrument advises none: the usual request-latency buckets, in seconds.</summary>
    public static readonly IReadOnlyList<double> DefaultBounds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private static readonly double[] DefaultBoundsArray = [.. DefaultBounds];

    private readonly Func<Instrument, bool> _include;
    private readonly MeterListener _listener;
    private readonly Lock _instrumentsLock = new();
    private readonly List<InstrumentState> _instruments = [];
    private readonly Lock _collectLock = new();

    /// <summary>Collects every instrument of the meters with these names.</summary>
    public MetricsCollector(params string[] meterNames)
        : this(MeterNameFilter(meterNames))
    {
    }

    /// <summary>Collects every instrument <paramref name="include"/> accepts (called once per published instrument).</summary>
    public MetricsCollector(Func<Instrument, bool> include)
    {
        ArgumentNullException.ThrowIfNull(include);
        _include = include;
        _listener = new MeterListener
        {
            InstrumentPublished = OnInstrumentPublished,
            MeasurementsCompleted = OnMeasurementsCompleted,
        };
        _listener.SetMeasurementEventCallback<byte>(OnMeasurement);
        _listener.SetMeasurementEventCallback<short>(OnMeasurement);
        _listener.SetMeasurementEventCallback<int>(OnMeasurement);
        _listener.SetMeasurementEventCallback<long>(OnMeasurement);
        _listener.SetMeasurementEventCallback<float>(OnMeasurement);
        _listener.SetMeasurementEventCallback<double>(OnMeasurement);
        _listener.SetMeasurementEventCallback<decimal>(OnMeasurement);

        // Start publishes the instruments that already exist, so meters created before the collector are seen too.
        _listener.Start();
    }

    /// <summary>Reads the observable instruments and returns every family with samples, sorted by name and labels.</summary>
    public IReadOnlyList<MetricFamily> Collect()
    {
        lock (_collectLock)
        {
            InstrumentState[] states;
            lock (_instrumentsLock)
            {
                states = [.. _instruments];
            }

            foreach (var state in states)
            {
                if (state.IsObservable)
                {
                    state.Clear();
                }
            }

            _listener.RecordObservableInstruments();
            return Group(states);
        }
    }

    /// <summary>A scrape: <see cref="Collect"/> rendered in the Prometheus text format.</summary>
    public string Render() => PrometheusText.Render(Collect());

    public void Dispose() => _listener.Dispose();

    private static Func<Instrument, bool> MeterNameFilter(string[] meterNames)
    {
        ArgumentNullException.ThrowIfNull(meterNames);
        var names = new HashSet<string>(meterNames, StringComparer.Ordinal);
        return instrument => names.Contains(instrument.Meter.Name);
    }

    /// <summary>One family per exported name; an instrument whose type clashes with the family's first is left out.</summary>
    private static List<MetricFamily> Group(InstrumentState[] states)
    {
        var families = new SortedDictionary<string, (InstrumentState First, List<MetricSample> Samples)>(StringComparer.Ordinal);
        foreach (var state in states)
        {
            if (!families.TryGetValue(state.Name, out var family))
            {
                family = (state, []);
                families.Add(state.Name, family);
            }
            else if (family.First.Type != state.Type)
            {
                continue;
            }

            state.AppendSamples(family.Samples);
        }

        var result = new List<MetricFamily>(families.Count);
        foreach (var (name, family) in families)
        {
            if (family.Samples.Count > 0)
            {
                family.Samples.Sort(static (a, b) => string.CompareOrdinal(SortKey(a), SortKey(b)));
                result.Add(new MetricFamily(name, family.First.Help, family.First.Type, family.Samples));
            }
        }

        return result;
    }

    private static string SortKey(MetricSample sample)
    {
        var parts = new string[sample.Labels.Count];
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = sample.Labels[i].Key + "=" + sample.Labels[i].Value;
        }

        return string.Join('\u0001', parts);
    }

    private static void OnMeasurement<T>(Instrument instrument, T measurement, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
        where T : struct, INumberBase<T>
    {
        ((InstrumentState)state!).Record(double.CreateSaturating(measurement), tags);
    }

    private void OnInstrumentPublished(Instrument instrument, MeterListener listener)
    {
        if (!_include(instrument) || InstrumentState.For(instrument, DefaultBoundsArray) is not { } state)
        {
            return;
        }

        lock (_instrumentsLock)
        {
            _instruments.Add(state);
        }

        listener.EnableMeasurementEvents(instrument, state);
    }

    private void OnMeasurementsCompleted(Instrument instrument, object? state)
    {
        lock (_instrumentsLock)
        {
            _instruments.Remove((InstrumentState)state!);
        }
    }
}
