using Google.Protobuf;
using PairDb.Bench.Etcd;
using PairDb.Rpc.Client;

namespace PairDb.Bench.Load;

/// <summary>Puts and linearizable Ranges against an etcd member (the comparison baseline).</summary>
public sealed class EtcdTarget(GrpcChannel channel, LoadOptions options, ByteString value) : IKvTarget
{
    private readonly CallOptions _call = new(Timeout: options.RequestTimeout);

    public Task WriteAsync(string key) =>
        channel.UnaryAsync(EtcdMethods.Put, new PutRequest { Key = ByteString.CopyFromUtf8(key), Value = value }, _call);

    public async Task ReadAsync(string key) =>
        await channel.UnaryAsync(EtcdMethods.Range, new RangeRequest { Key = ByteString.CopyFromUtf8(key) }, _call);
}
