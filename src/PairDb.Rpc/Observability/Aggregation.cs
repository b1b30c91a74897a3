namespace PairDb.Rpc.Observability;

/// <summary>How measurements of an instrument combine into its series' value.</summary>
internal enum Aggregation
{
    /// <summary>Measurements are increments (Counter, UpDownCounter).</summary>
    Sum,

    /// <summary>Each measurement replaces the value (observable instruments report totals or levels; Gauge).</summary>
    LastValue,

    /// <summary>Measurements are counted into buckets (Histogram).</summary>
    Histogram,
}
