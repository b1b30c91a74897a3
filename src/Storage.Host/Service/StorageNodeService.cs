using PairDb.Protocol.Storage;
using PairDb.Rpc.Contracts;
using PairDb.Rpc.Server;
using PairDb.Storage.Engine;
using PairDb.Storage.Hosting;

namespace PairDb.Storage.Service;

/// <summary>
/// The storage.StorageNodeService handlers: validate, call the engine, map the result. Only this folder knows
/// gRPC; status mapping lives in <see cref="StorageErrors"/>. The batch calls are in StorageNodeService.Batches.cs.
/// </summary>
public sealed partial class StorageNodeService
{
    private readonly StorageEngine _engine;
    private readonly RequestValidator _validator;
    private readonly HealthProbe _health;
    private readonly int _maxSiblings;

    public StorageNodeService(StorageEngine engine, StorageNodeOptions options, HealthProbe health)
    {
        ArgumentNullException.ThrowIfNull(options);
        _engine = engine;
        _validator = new RequestValidator(options);
        _health = health;
        _maxSiblings = options.MaxSiblings;
    }

    /// <summary>The service definition to map with MapGrpcService.</summary>
    public GrpcServiceDefinition Build() =>
        new GrpcServiceBuilder(StorageMethods.ServiceName)
            .Unary(StorageMethods.Write, WriteAsync)
            .Unary(StorageMethods.Read, ReadAsync)
            .Unary(StorageMethods.Delete, DeleteAsync)
            .Unary(StorageMethods.Repair, RepairAsync)
            .Unary(StorageMethods.HealthCheck, HealthCheckAsync)
            .ServerStreaming(StorageMethods.ScanRange, ScanRangeAsync)
            .Unary(StorageMethods.CountRange, CountRangeAsync)
            .Unary(StorageMethods.PurgeRange, PurgeRangeAsync)
            .Unary(StorageMethods.WriteBatch, WriteBatchAsync)
            .Unary(StorageMethods.ReadBatch, ReadBatchAsync)
            .Build();

    /// <remarks>
    /// Validates and enqueues before its first await (failures land in the returned task): WriteBatch calls it for
    /// every item before awaiting any, so the single writer can commit the whole batch in one group.
    /// </remarks>
    public async Task<WriteResponse> WriteAsync(WriteRequest request, ServerCallContext context)
    {
        RequestValidator.ValidateTenant(request.TenantId);
        RequestValidator.ValidateKey(request.Key);
        var version = _validator.ToVersion(request.Version, "version");
        WriteOutcome outcome;
        try
        {
            outcome = await _engine.WriteAsync(request.TenantId, request.Key, version, request.IfDominates);
        }
        catch (Exception ex) when (StorageErrors.IsEngineFailure(ex))
        {
            throw StorageErrors.ToRpc(ex);
        }

        return ToResponse(outcome);
    }

    public async Task<WriteResponse> DeleteAsync(DeleteRequest request, ServerCallContext context)
    {
        RequestValidator.ValidateTenant(request.TenantId);
        RequestValidator.ValidateKey(request.Key);
        var tombstone = _validator.ToTombstone(request);
        WriteOutcome outcome;
        try
        {
            outcome = await _engine.WriteAsync(request.TenantId, request.Key, tombstone);
        }
        catch (Exception ex) when (StorageErrors.IsEngineFailure(ex))
        {
            throw StorageErrors.ToRpc(ex);
        }

        return ToResponse(outcome);
    }

    public async Task<WriteResponse> RepairAsync(RepairRequest request, ServerCallContext context)
    {
        RequestValidator.ValidateTenant(request.TenantId);
        RequestValidator.ValidateKey(request.Key);
        var versions = _validator.ToVersions(request.Versions);
        WriteOutcome outcome;
        try
        {
            outcome = await _engine.RepairAsync(request.TenantId, request.Key, versions);
        }
        catch (Exception ex) when (StorageErrors.IsEngineFailure(ex))
        {
            throw StorageErrors.ToRpc(ex);
        }

        return ToResponse(outcome);
    }

    public async Task<ReadResponse> ReadAsync(ReadRequest request, ServerCallContext context)
    {
        RequestValidator.ValidateTenant(request.TenantId);
        RequestValidator.ValidateKey(request.Key);
        IReadOnlyList<Messages.Values.VersionedValue> versions;
        try
        {
            versions = await _engine.ReadAsync(request.TenantId, request.Key, context.CancellationToken);
        }
        catch (Exception ex) when (StorageErrors.IsEngineFailure(ex))
        {
            throw StorageErrors.ToRpc(ex);
        }

        var response = new ReadResponse { Found = versions.Count > 0 };
        for (var i = 0; i < versions.Count; i++)
        {
            response.Versions.Add(ProtoMapping.ToProto(versions[i]));
        }

        return response;
    }

    public async Task<HealthCheckResponse> HealthCheckAsync(HealthCheckRequest request, ServerCallContext context)
    {
        var report = await _health.CheckAsync(context.CancellationToken);
        return new HealthCheckResponse
        {
            Healthy = report.Healthy,
            NodeId = report.NodeId,
            Status = report.Status,
            EngineOpen = report.EngineOpen,
            DataDirWritable = report.DataDirWritable,
            FreeDiskBytes = report.FreeDiskBytes,
            DiskUsagePercent = report.DiskUsagePercent,
            KeysCount = report.KeysCount,
            DataBytes = report.DataBytes,
        };
    }

    public async Task ScanRangeAsync(ScanRangeRequest request, IServerStreamWriter<ScanRangeBatch> responseStream, ServerCallContext context)
    {
        var tenant = RequestValidator.OptionalTenant(request.TenantId);
        var batchSize = _validator.ScanBatchSize(request.BatchSize);
        try
        {
            await foreach (var keys in _engine.ScanAsync(new RingRange(request.Start, request.End), batchSize, tenant, context.CancellationToken))
            {
                var batch = new ScanRangeBatch();
                for (var i = 0; i < keys.Count; i++)
                {
                    batch.Records.Add(ProtoMapping.ToProto(keys[i]));
                }

                await responseStream.WriteAsync(batch, context.CancellationToken);
            }
        }
        catch (Exception ex) when (StorageErrors.IsEngineFailure(ex))
        {
            throw StorageErrors.ToRpc(ex);
        }
    }

    public async Task<CountRangeResponse> CountRangeAsync(CountRangeRequest request, ServerCallContext context)
    {
        var tenant = RequestValidator.OptionalTenant(request.TenantId);
        try
        {
            var count = await _engine.CountAsync(new RingRange(request.Start, request.End), tenant, context.CancellationToken);
            return new CountRangeResponse { Keys = count.Keys, Bytes = count.Bytes };
        }
        catch (Exception ex) when (StorageErrors.IsEngineFailure(ex))
        {
            throw StorageErrors.ToRpc(ex);
        }
    }

    public async Task<PurgeRangeResponse> PurgeRangeAsync(PurgeRangeRequest request, ServerCallContext context)
    {
        var tenant = RequestValidator.OptionalTenant(request.TenantId);
        try
        {
            var removed = await _engine.PurgeRangeAsync(new RingRange(request.Start, request.End), tenant, context.CancellationToken);
            return new PurgeRangeResponse { KeysRemoved = removed };
        }
        catch (Exception ex) when (StorageErrors.IsEngineFailure(ex))
        {
            throw StorageErrors.ToRpc(ex);
        }
    }

    private WriteResponse ToResponse(WriteOutcome outcome)
    {
        StorageErrors.Check(outcome, _maxSiblings);
        var response = new WriteResponse { Applied = outcome.Applied, SiblingCount = outcome.SiblingCount, Conflict = outcome.Conflict };
        if (outcome.Current is { } current)
        {
            // The coordinator needs only the clocks (and stamps) to retry from a read; values may be large.
            for (var i = 0; i < current.Count; i++)
            {
                response.Current.Add(ProtoMapping.ToProtoWithoutValue(current[i]));
            }
        }

        return response;
    }
}
