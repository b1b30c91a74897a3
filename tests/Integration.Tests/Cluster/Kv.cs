using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using PairDb.Protocol.Coordinator;
using StorageRead = PairDb.Protocol.Storage.ReadRequest;
using StorageReadResponse = PairDb.Protocol.Storage.ReadResponse;

namespace PairDb.Integration.Tests.Cluster;

/// <summary>Short helpers over the coordinator and storage clients for the cluster tests.</summary>
public static class Kv
{
    private static CallOptions Timeout => GrpcClients.Within(TimeSpan.FromSeconds(10));

    /// <summary>A write with the default 10 s deadline, or <paramref name="within"/> when given.</summary>
    public static Task<WriteKeyValueResponse> WriteAsync(
        GrpcChannel coordinator, string key, string value, string consistency = "quorum", string idempotencyKey = "", string tenant = "default", TimeSpan? within = null) =>
        coordinator.CoordinatorClient().WriteKeyValueAsync(
            new WriteKeyValueRequest { TenantId = tenant, Key = key, Value = ByteString.CopyFromUtf8(value), Consistency = consistency, IdempotencyKey = idempotencyKey },
            within is { } bound ? GrpcClients.Within(bound) : Timeout).ResponseAsync;

    public static Task<ReadKeyValueResponse> ReadAsync(GrpcChannel coordinator, string key, string consistency = "quorum", string tenant = "default") =>
        coordinator.CoordinatorClient().ReadKeyValueAsync(
            new ReadKeyValueRequest { TenantId = tenant, Key = key, Consistency = consistency }, Timeout).ResponseAsync;

    public static Task<StorageReadResponse> ReadReplicaAsync(GrpcChannel storage, string key, string tenant = "default") =>
        storage.StorageClient().ReadAsync(new StorageRead { TenantId = tenant, Key = key }, Timeout).ResponseAsync;

    /// <summary>A coordinator clock as comparable text, e.g. "coord-1:3,coord-2:1".</summary>
    public static string Text(VectorClock clock) =>
        string.Join(",", clock.Entries.OrderBy(static e => e.CoordinatorNodeId, StringComparer.Ordinal).Select(static e => e.CoordinatorNodeId + ":" + e.LogicalTimestamp));

    /// <summary>A storage clock in the same text form.</summary>
    public static string Text(IEnumerable<PairDb.Protocol.Storage.ClockEntry> clock) =>
        string.Join(",", clock.OrderBy(static e => e.NodeId, StringComparer.Ordinal).Select(static e => e.NodeId + ":" + e.Counter));

    public static PairDb.Messages.Values.VectorClock Domain(VectorClock clock) =>
        PairDb.Messages.Values.VectorClock.From(clock.Entries.Select(static e => new PairDb.Messages.Values.ClockEntry(e.CoordinatorNodeId, e.LogicalTimestamp)));
}
