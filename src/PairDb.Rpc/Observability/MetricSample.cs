namespace PairDb.Rpc.Observability;

/// <summary>One series of a family: its labels and value (or, for a histogram, its buckets).</summary>
/// <param name="Labels">Label names and values; names are sanitised and values escaped by the renderer.</param>
/// <param name="Value">The counter or gauge value; ignored for histograms.</param>
/// <param name="Histogram">The buckets of a histogram series; null for counters and gauges.</param>
public sealed record MetricSample(IReadOnlyList<KeyValuePair<string, string>> Labels, double Value, HistogramValue? Histogram = null);
