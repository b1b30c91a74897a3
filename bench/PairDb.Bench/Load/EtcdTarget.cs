using Google.Protobuf;
using Grpc.Net.Client;
using PairDb.Bench.Etcd;

namespace PairDb.Bench.Load;

/// <summary>Puts and linearizable Ranges against an etcd member (the comparison baseline).</summary>
public sealed class EtcdTarget(GrpcChannel channel, LoadOptions options, ByteString value) : IKvTarget
{
    private readonly KV.KVClient _client = new(channel);

    public Task WriteAsync(string key) =>
        _client.PutAsync(new PutRequest { Key = ByteString.CopyFromUtf8(key), Value = value }, deadline: DateTime.UtcNow + options.RequestTimeout).ResponseAsync;

    public Task ReadAsync(string key) =>
        _client.RangeAsync(new RangeRequest { Key = ByteString.CopyFromUtf8(key) }, deadline: DateTime.UtcNow + options.RequestTimeout).ResponseAsync;
}
