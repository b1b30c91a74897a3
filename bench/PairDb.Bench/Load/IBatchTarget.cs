using Grpc.Core;

namespace PairDb.Bench.Load;

/// <summary>A system that takes several keys in one call; each answers the status of every key, in order.</summary>
public interface IBatchTarget
{
    Task<StatusCode[]> WriteBatchAsync(IReadOnlyList<string> keys);

    Task<StatusCode[]> ReadBatchAsync(IReadOnlyList<string> keys);
}
