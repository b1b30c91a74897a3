namespace PairDb.Rpc.Observability;

/// <summary>The Prometheus metric types this exporter writes (the # TYPE line).</summary>
public enum MetricType
{
    /// <summary>A monotonic total; rendered with the "_total" suffix.</summary>
    Counter,

    /// <summary>A value that goes up and down.</summary>
    Gauge,

    /// <summary>Observations counted into cumulative buckets, with their sum and count.</summary>
    Histogram,
}
