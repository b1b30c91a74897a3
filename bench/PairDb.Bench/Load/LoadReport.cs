using System.Globalization;
using System.Text.Json;

namespace PairDb.Bench.Load;

/// <summary>
/// What a load run measured: calls per second that answered OK, keys per second (keys that succeeded), latency percentiles (ms) of a
/// unit of work (<see cref="UnitSize"/> keys: one call, one batch call, or that many single calls at once) and failed
/// keys by gRPC status. <c>Succeeded</c> counts units.
/// </summary>
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

    /// <summary>Keys per unit of work.</summary>
    public int UnitSize { get; init; } = 1;

    /// <summary>Keys that succeeded during the measured phase.</summary>
    public long Keys { get; init; }

    public double KeysPerSecond { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, Indented);

    public string ToText()
    {
        var errors = ErrorsByStatus.Count == 0
            ? "none"
            : string.Join(", ", ErrorsByStatus.Select(static e => e.Key + "=" + e.Value.ToString(CultureInfo.InvariantCulture)));
        return string.Create(CultureInfo.InvariantCulture,
            $"""
            {System}: workload {Workload}, consistency {Consistency}, concurrency {Concurrency}, {DurationSeconds:F1} s
            ops/s    {OpsPerSecond:F0}  (calls answered OK; {Succeeded} units of {UnitSize} key(s) succeeded)
            keys/s   {KeysPerSecond:F0}  ({Keys} keys succeeded)
            latency  p50 {P50Ms:F2} ms  p95 {P95Ms:F2} ms  p99 {P99Ms:F2} ms  p99.9 {P999Ms:F2} ms  (per unit)
            errors   {errors}
            """);
    }
}
