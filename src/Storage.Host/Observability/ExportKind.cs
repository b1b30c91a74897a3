namespace PairDb.Storage.Observability;

/// <summary>How an instrument's measurements reach its Prometheus series.</summary>
internal enum ExportKind
{
    /// <summary>Counter: each measurement is an increment.</summary>
    Counter,

    /// <summary>Observable counter: each measurement is the running total.</summary>
    ObservedCounter,

    /// <summary>Up-down counter, exported as a gauge: each measurement is an increment.</summary>
    UpDownGauge,

    /// <summary>Gauge or observable gauge / up-down counter: each measurement is the current value.</summary>
    Gauge,

    /// <summary>Histogram: each measurement is one observation.</summary>
    Histogram,
}
