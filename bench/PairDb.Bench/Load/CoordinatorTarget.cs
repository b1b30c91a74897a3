using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using PairDb.Messages.Values;
using PairDb.Protocol.Coordinator;

namespace PairDb.Bench.Load;

/// <summary>Writes and reads through a PairDB coordinator at the configured consistency, one key per call or a batch per call.</summary>
public sealed class CoordinatorTarget(GrpcChannel channel, LoadOptions options, ByteString value) : IKvTarget, IBatchTarget
{
    private readonly CoordinatorService.CoordinatorServiceClient _client = new(channel);
    private readonly string _consistency = ConsistencyLevels.Name(options.Consistency);
    private readonly Metadata? _headers = options.Token.Length == 0 ? null : new Metadata { { "authorization", "Bearer " + options.Token } };

    public Task WriteAsync(string key) =>
        _client.WriteKeyValueAsync(
            new WriteKeyValueRequest { TenantId = options.Tenant, Key = key, Value = value, Consistency = _consistency },
            _headers, DateTime.UtcNow + options.RequestTimeout).ResponseAsync;

    public Task ReadAsync(string key) =>
        _client.ReadKeyValueAsync(
            new ReadKeyValueRequest { TenantId = options.Tenant, Key = key, Consistency = _consistency },
            _headers, DateTime.UtcNow + options.RequestTimeout).ResponseAsync;

    public async Task<StatusCode[]> WriteBatchAsync(IReadOnlyList<string> keys)
    {
        var request = new BatchWriteRequest { TenantId = options.Tenant, Consistency = _consistency };
        foreach (var key in keys)
        {
            request.Items.Add(new BatchWriteItem { Key = key, Value = value });
        }

        var response = await _client.BatchWriteAsync(request, _headers, DateTime.UtcNow + options.RequestTimeout);
        return Array.ConvertAll([.. response.Results], static r => (StatusCode)r.Status.Code);
    }

    public async Task<StatusCode[]> ReadBatchAsync(IReadOnlyList<string> keys)
    {
        var response = await _client.BatchReadAsync(
            new BatchReadRequest { TenantId = options.Tenant, Keys = { keys }, Consistency = _consistency },
            _headers, DateTime.UtcNow + options.RequestTimeout);
        return Array.ConvertAll([.. response.Results], static r => (StatusCode)r.Status.Code);
    }
}
