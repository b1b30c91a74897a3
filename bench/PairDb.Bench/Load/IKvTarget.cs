namespace PairDb.Bench.Load;

/// <summary>One system under load: a write and a read of a key, throwing RpcException on failure.</summary>
public interface IKvTarget
{
    Task WriteAsync(string key);

    Task ReadAsync(string key);
}
