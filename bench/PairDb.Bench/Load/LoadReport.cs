using System.Globalization;
using System.Text.Json;

namespace PairDb.Bench.Load;

/// <summary>What a load run measured: throughput, latency percentiles (ms) and errors by gRPC status.</summary>
public sealed record LoadReport(
    string System,
    string Workload,
    string Consistency,
    int Concurrency,
    double DurationSeconds,
    long Succeeded,
    IReadOnlyDictionary<string, long> ErrorsByStatus,
    double OpsPerSecond,
    double P50Ms,
    double P95Ms,
    double P99Ms,
    double P999Ms)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public string ToJson() => JsonSerializer.Serialize(this, Indented);

    public string ToText()
    {
        var errors = ErrorsByStatus.Count == 0
            ? "none"
            : string.Join(", ", ErrorsByStatus.Select(static e => e.Key + "=" + e.Value.ToString(CultureInfo.InvariantCulture)));
        return string.Create(CultureInfo.InvariantCulture,
            $"""
            {System}: workload {Workload}, consistency {Consistency}, concurrency {Concurrency}, {DurationSeconds:F1} s
            ops/s    {OpsPerSecond:F0}  ({Succeeded} succeeded)
            latency  p50 {P50Ms:F2} ms  p95 {P95Ms:F2} ms  p99 {P99Ms:F2} ms  p99.9 {P999Ms:F2} ms
            errors   {errors}
            """);
    }
}
