using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Etlx;

namespace PairDb.Bench.Allocations;

/// <summary>
/// The runtime's allocation samples in an EventPipe trace (`dotnet-trace collect --profile gc-verbose`): a
/// GC/AllocationTick event about every 100 KB allocated, naming the type that crossed the mark and the stack that
/// allocated it. Summed by type, and by every distinct method on each sample's stack (inclusive), they show where a
/// process's allocations come from in proportion.
/// </summary>
public sealed class AllocationSamples
{
    private const int MaxFrames = 64;

    private readonly Dictionary<string, long> _byType = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _byFrame = new(StringComparer.Ordinal);

    /// <summary>Bytes the samples stand for (the sum of their allocation amounts).</summary>
    public long TotalBytes { get; private set; }

    public int Count { get; private set; }

    public static AllocationSamples Read(string nettracePath)
    {
        var samples = new AllocationSamples();
        var etlx = TraceLog.CreateFromEventPipeDataFile(nettracePath);
        try
        {
            using var log = TraceLog.OpenOrConvert(etlx);
            foreach (var traceEvent in log.Events)
            {
                if (traceEvent.EventName == "GC/AllocationTick")
                {
                    samples.Add(traceEvent);
                }
            }
        }
        finally
        {
            File.Delete(etlx);
        }

        return samples;
    }

    /// <summary>The <paramref name="top"/> types with the largest share of <see cref="TotalBytes"/>.</summary>
    public IEnumerable<(string Name, double Share)> TopTypes(int top) => Top(_byType, top);

    /// <summary>The <paramref name="top"/> methods on the most sampled stacks, each counted once per sample.</summary>
    public IEnumerable<(string Name, double Share)> TopFrames(int top) => Top(_byFrame, top);

    private IEnumerable<(string Name, double Share)> Top(Dictionary<string, long> sums, int top) =>
        sums.OrderByDescending(static pair => pair.Value).Take(top).Select(pair => (pair.Key, (double)pair.Value / Math.Max(1, TotalBytes)));

    private void Add(TraceEvent traceEvent)
    {
        var type = traceEvent.PayloadByName("TypeName") as string ?? "(unknown type)";
        var amount = Convert.ToInt64(traceEvent.PayloadByName("AllocationAmount64") ?? traceEvent.PayloadByName("AllocationAmount"), System.Globalization.CultureInfo.InvariantCulture);
        TotalBytes += amount;
        Count++;
        _byType[type] = _byType.GetValueOrDefault(type) + amount;

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var frame = traceEvent.CallStack();
        for (var depth = 0; frame is not null && depth < MaxFrames; depth++, frame = frame.Caller)
        {
            var method = frame.CodeAddress.FullMethodName;
            if (!string.IsNullOrEmpty(method) && seen.Add(method))
            {
                _byFrame[method] = _byFrame.GetValueOrDefault(method) + amount;
            }
        }
    }
}
