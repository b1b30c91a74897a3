using System.Diagnostics.Metrics;
using System.Numerics;
using Prometheus;

namespace PairDb.Storage.Observability;

/// <summary>
/// Exports System.Diagnostics.Metrics instruments through a prometheus-net registry of its own. A MeterListener feeds
/// prometheus-net counters, gauges and histograms named exactly as the instruments (counters end in "_total"), with
/// meter, instrument and measurement tags as labels and the buckets each histogram advises (else
/// 0.005 ... 10 s); observable instruments are read at each scrape.
/// </summary>
/// <remarks>
/// prometheus-net's own MeterAdapter does not fit: it prefixes every name with the meter's, exports counters as
/// gauges, ignores meter tags (the storage node label) and allocates per measurement. A registry per exporter keeps
/// several exporters in one process (storage nodes in tests, the coordinator with its embedded nodes) apart.
/// </remarks>
public sealed class MeterExporter : IDisposable
{
    /// <summary>Histogram bounds when an instrument advises none: the usual request-latency buckets, in seconds.</summary>
    private static readonly double[] DefaultBounds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    /// <summary>No exemplars: the default one reads the trace context and would allocate on every recording.</summary>
    private static readonly ExemplarBehavior NoExemplars = new() { DefaultExemplarProvider = static (_, _) => Exemplar.None };

    private readonly Func<Instrument, bool> _include;
    private readonly IMetricFactory _factory;
    private readonly MeterListener _listener;
    private readonly Lock _observablesLock = new();
    private readonly List<ExportedInstrument> _observables = [];
    private volatile bool _disposed;

    /// <summary>Exports every instrument of the meters with these names.</summary>
    public MeterExporter(params string[] meterNames)
        : this(MeterNameFilter(meterNames))
    {
    }

    /// <summary>Exports every instrument <paramref name="include"/> accepts (called once per published instrument).</summary>
    public MeterExporter(Func<Instrument, bool> include)
    {
        ArgumentNullException.ThrowIfNull(include);
        _include = include;
        Registry = Metrics.NewCustomRegistry();
        _factory = Metrics.WithCustomRegistry(Registry);
        _factory.ExemplarBehavior = NoExemplars;
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
        Registry.AddBeforeCollectCallback(ReadObservables);

        // Start publishes the instruments that already exist, so meters created before the exporter are seen too.
        _listener.Start();
    }

    /// <summary>The registry holding the exported series; nothing else registers into it.</summary>
    public CollectorRegistry Registry { get; }

    /// <summary>
    /// Adds prometheus-net's process and .NET runtime metrics (process_cpu_seconds_total, process_working_set_bytes,
    /// dotnet_collection_count_total, ...) to this exporter's registry: a host process's scrape carries them; none of
    /// their names is one of ours.
    /// </summary>
    public void AddProcessMetrics() => DotNetStats.Register(Registry);

    /// <summary>A scrape: reads the observable instruments and writes the text format 0.0.4.</summary>
    public Task WriteAsync(Stream output, CancellationToken cancellationToken) =>
        Registry.CollectAndExportAsTextAsync(output, ExpositionFormat.PrometheusText, cancellationToken);

    public void Dispose()
    {
        // The registry cannot drop its before-collect callback, so the callback checks this flag.
        _disposed = true;
        _listener.Dispose();
    }

    private static Func<Instrument, bool> MeterNameFilter(string[] meterNames)
    {
        ArgumentNullException.ThrowIfNull(meterNames);
        var names = new HashSet<string>(meterNames, StringComparer.Ordinal);
        return instrument => names.Contains(instrument.Meter.Name);
    }

    private static void OnMeasurement<T>(Instrument instrument, T measurement, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
        where T : struct, INumberBase<T>
    {
        ((ExportedInstrument)state!).Record(double.CreateSaturating(measurement), tags);
    }

    /// <summary>Runs the observable callbacks; series a callback no longer reports leave the exposition.</summary>
    private void ReadObservables()
    {
        if (_disposed)
        {
            return;
        }

        lock (_observablesLock)
        {
            foreach (var instrument in _observables)
            {
                instrument.BeginObservation();
            }

            _listener.RecordObservableInstruments();
            foreach (var instrument in _observables)
            {
                instrument.EndObservation();
            }
        }
    }

    private void OnInstrumentPublished(Instrument instrument, MeterListener listener)
    {
        if (!_include(instrument) || ExportedInstrument.For(instrument, _factory, DefaultBounds) is not { } exported)
        {
            return;
        }

        if (exported.IsObservable)
        {
            lock (_observablesLock)
            {
                _observables.Add(exported);
            }
        }

        listener.EnableMeasurementEvents(instrument, exported);
    }

    private void OnMeasurementsCompleted(Instrument instrument, object? state)
    {
        var exported = (ExportedInstrument)state!;
        lock (_observablesLock)
        {
            _observables.Remove(exported);
            exported.Retire();
        }
    }
}
