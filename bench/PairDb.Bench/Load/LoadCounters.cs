using Grpc.Core;

namespace PairDb.Bench.Load;

/// <summary>One worker's counts (no sharing on the hot path): calls that answered OK, keys that succeeded, failed keys by status.</summary>
public sealed class LoadCounters
{
    public long CallsOk { get; set; }

    public long Keys { get; set; }

    public Dictionary<string, long> Errors { get; } = new(StringComparer.Ordinal);

    public void Fail(StatusCode code, int keys)
    {
        var name = code.ToString();
        Errors[name] = Errors.GetValueOrDefault(name) + keys;
    }

    public void Add(LoadCounters other)
    {
        ArgumentNullException.ThrowIfNull(other);
        CallsOk += other.CallsOk;
        Keys += other.Keys;
        foreach (var (status, count) in other.Errors)
        {
            Errors[status] = Errors.GetValueOrDefault(status) + count;
        }
    }
}
