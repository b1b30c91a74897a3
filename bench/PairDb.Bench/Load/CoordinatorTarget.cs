using Google.Protobuf;
using Grpc.Net.Client;
using PairDb.Messages.Values;
using PairDb.Protocol.Coordinator;

namespace PairDb.Bench.Load;

/// <summary>Writes and reads through a PairDB coordinator at the configured consistency.</summary>
public sealed class CoordinatorTarget(GrpcChannel channel, LoadOptions options, ByteString value) : IKvTarget
{
    private readonly CoordinatorService.CoordinatorServiceClient _client = new(channel);
    private readonly string _consistency = ConsistencyLevels.Name(options.Consistency);

    public Task WriteAsync(string key) =>
        _client.WriteKeyValueAsync(
            new WriteKeyValueRequest { TenantId = options.Tenant, Key = key, Value = value, Consistency = _consistency },
            deadline: DateTime.UtcNow + options.RequestTimeout).ResponseAsync;

    public Task ReadAsync(string key) =>
        _client.ReadKeyValueAsync(
            new ReadKeyValueRequest { TenantId = options.Tenant, Key = key, Consistency = _consistency },
            deadline: DateTime.UtcNow + options.RequestTimeout).ResponseAsync;
}
