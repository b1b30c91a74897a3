using Google.Protobuf;
using PairDb.Messages.Values;
using PairDb.Protocol.Coordinator;
using PairDb.Rpc.Client;
using PairDb.Rpc.Contracts;

namespace PairDb.Bench.Load;

/// <summary>Writes and reads through a PairDB coordinator at the configured consistency.</summary>
public sealed class CoordinatorTarget(GrpcChannel channel, LoadOptions options, ByteString value) : IKvTarget
{
    private readonly string _consistency = ConsistencyLevels.Name(options.Consistency);
    private readonly CallOptions _call = new(Timeout: options.RequestTimeout);

    public Task WriteAsync(string key) =>
        channel.UnaryAsync(CoordinatorMethods.WriteKeyValue,
            new WriteKeyValueRequest { TenantId = options.Tenant, Key = key, Value = value, Consistency = _consistency }, _call);

    public async Task ReadAsync(string key) =>
        await channel.UnaryAsync(CoordinatorMethods.ReadKeyValue,
            new ReadKeyValueRequest { TenantId = options.Tenant, Key = key, Consistency = _consistency }, _call);
}
