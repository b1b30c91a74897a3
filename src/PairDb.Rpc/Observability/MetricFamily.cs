namespace PairDb.Rpc.Observability;

/// <summary>One metric name with its help text, type and every labelled sample, as rendered in one block.</summary>
/// <param name="Name">The exported name (sanitised by the renderer; counters should end in "_total").</param>
/// <param name="Help">Free text for the # HELP line (escaped by the renderer).</param>
/// <param name="Type">The # TYPE of the family; every sample must fit it (histogram samples carry a <see cref="HistogramValue"/>).</param>
/// <param name="Samples">The series, rendered in the given order.</param>
public sealed record MetricFamily(string Name, string Help, MetricType Type, IReadOnlyList<MetricSample> Samples);
