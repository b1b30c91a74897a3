using Grpc.Core;

namespace PairDb.Bench.Load;

/// <summary>
/// One unit of work over distinct keys: one batch call of them all (batch workloads), or one single call per key, all
/// sent at once. Counts the calls that answered OK and each failed key by its status; returns the keys that succeeded.
/// A batch call that fails as a whole fails every key of the unit; one that answers OK counts whatever its items say.
/// </summary>
public static class LoadUnit
{
    public static async Task<int> RunAsync(IKvTarget target, string[] keys, bool read, bool batch, LoadCounters counters)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(counters);
        if (batch)
        {
            var batchTarget = target as IBatchTarget ?? throw new InvalidOperationException("This system takes no batch calls.");
            StatusCode[] codes;
            try
            {
                codes = read ? await batchTarget.ReadBatchAsync(keys) : await batchTarget.WriteBatchAsync(keys);
            }
            catch (RpcException ex)
            {
                counters.Fail(ex.StatusCode, keys.Length);
                return 0;
            }

            counters.CallsOk++;
            var ok = 0;
            foreach (var code in codes)
            {
                if (code == StatusCode.OK)
                {
                    ok++;
                }
                else
                {
                    counters.Fail(code, 1);
                }
            }

            return ok;
        }

        var calls = new Task[keys.Length];
        for (var i = 0; i < calls.Length; i++)
        {
            calls[i] = read ? target.ReadAsync(keys[i]) : target.WriteAsync(keys[i]);
        }

        var succeeded = 0;
        foreach (var call in calls)
        {
            try
            {
                await call;
                succeeded++;
            }
            catch (RpcException ex)
            {
                counters.Fail(ex.StatusCode, 1);
            }
        }

        counters.CallsOk += succeeded;
        return succeeded;
    }
}
