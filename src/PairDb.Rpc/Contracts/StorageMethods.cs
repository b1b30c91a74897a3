using PairDb.Protocol.Storage;

namespace PairDb.Rpc.Contracts;

/// <summary>Typed methods of storage.StorageNodeService (protos/storage.proto).</summary>
public static class StorageMethods
{
    public const string ServiceName = "storage.StorageNodeService";

    public static readonly Method<WriteRequest, WriteResponse> Write = new(MethodType.Unary, ServiceName, "Write");
    public static readonly Method<ReadRequest, ReadResponse> Read = new(MethodType.Unary, ServiceName, "Read");
    public static readonly Method<DeleteRequest, WriteResponse> Delete = new(MethodType.Unary, ServiceName, "Delete");
    public static readonly Method<RepairRequest, WriteResponse> Repair = new(MethodType.Unary, ServiceName, "Repair");
    public static readonly Method<HealthCheckRequest, HealthCheckResponse> HealthCheck = new(MethodType.Unary, ServiceName, "HealthCheck");
    public static readonly Method<ScanRangeRequest, ScanRangeBatch> ScanRange = new(MethodType.ServerStreaming, ServiceName, "ScanRange");
    public static readonly Method<CountRangeRequest, CountRangeResponse> CountRange = new(MethodType.Unary, ServiceName, "CountRange");
    public static readonly Method<PurgeRangeRequest, PurgeRangeResponse> PurgeRange = new(MethodType.Unary, ServiceName, "PurgeRange");
    public static readonly Method<WriteBatchRequest, WriteBatchResponse> WriteBatch = new(MethodType.Unary, ServiceName, "WriteBatch");
    public static readonly Method<ReadBatchRequest, ReadBatchResponse> ReadBatch = new(MethodType.Unary, ServiceName, "ReadBatch");
}
