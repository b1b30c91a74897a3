using Grpc.Core;
using PairDb.Messages.Proto;
using PairDb.Messages.Ring;
using PairDb.Protocol.Storage;
using PairDb.Storage.Engine;
using PairDb.Storage.Hosting;

namespace PairDb.Storage.Service;

/// <summary>
/// The storage.StorageNodeService handlers, overriding the generated service base: validate, call the engine, map the
/// result. Only this folder knows gRPC; status mapping lives in <see cref="StorageErrors"/>. The batch calls are in
/// StorageNodeGrpcService.Batches.cs, the anti-entropy calls in StorageNodeGrpcService.AntiEntropy.cs.
/// </summary>
public sealed partial class StorageNodeGrpcService : StorageNodeService.StorageNodeServiceBase
{
    private readonly StorageEngine _engine;
    private readonly StorageRequestChecks _checks;
    private readonly HealthProbe _health;
    private readonly int _maxSiblings;

    public StorageNodeGrpcService(StorageEngine engine, StorageNodeOptions options, HealthProbe health)
    {
        ArgumentNullException.ThrowIfNull(options);
        _engine = engine;
        _checks = new StorageRequestChecks(options);
        _health = health;
        _maxSiblings = options.MaxSiblings;
    }

    /// <remarks>
    /// Validates and enqueues before its first await (failures land in the returned task): WriteBatch calls it for
    /// every item before awaiting any, so the single writer can commit the whole batch in one group.
    /// </remarks>
    public override async Task<WriteResponse> Write(WriteRequest request, ServerCallContext context)
    {
        StorageRequestChecks.ValidateTenantAndKey(request.TenantId, request.Key);
        var version = _checks.ToVersion(request.Version, "version");
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

    public override async Task<WriteResponse> Delete(DeleteRequest request, ServerCallContext context)
    {
        StorageRequestChecks.ValidateTenantAndKey(request.TenantId, request.Key);
        var tombstone = _checks.ToTombstone(request);
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

    public override async Task<WriteResponse> Repair(RepairRequest request, ServerCallContext context)
    {
        StorageRequestChecks.ValidateTenantAndKey(request.TenantId, request.Key);
        var versions = _checks.ToVersions(request.Versions);
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

    public override async Task<ReadResponse> Read(ReadRequest request, ServerCallContext context)
    {
        StorageRequestChecks.ValidateTenantAndKey(request.TenantId, request.Key);
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

    public override async Task<HealthCheckResponse> HealthCheck(HealthCheckRequest request, ServerCallContext context)
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
            Incarnation = report.Incarnation,
        };
    }

    public override async Task ScanRange(ScanRangeRequest request, IServerStreamWriter<ScanRangeBatch> responseStream, ServerCallContext context)
    {
        var tenant = StorageRequestChecks.OptionalTenant(request.TenantId);
        var batchSize = _checks.ScanBatchSize(request.BatchSize);
        try
        {
            await foreach (var keys in _engine.ScanAsync(new RingRange(request.Start, request.End), batchSize, tenant, context.CancellationToken))
            {
                var batch = new ScanRangeBatch();
                for (var i = 0; i < keys.Count; i++)
                {
                    batch.Records.Add(KeyRecordMapping.ToProto(keys[i]));
                }

                await responseStream.WriteAsync(batch, context.CancellationToken);
            }
        }
        catch (InvalidOperationException) when (context.GetHttpContext().RequestAborted.IsCancellationRequested)
        {
            // The client reset the stream while a batch was being written: grpc-dotnet's writer throws "the request is
            // complete", possibly before the call's own token is cancelled, so any exception would be logged as a
            // server error. The scan simply ends; nobody is left to answer.
        }
        catch (Exception ex) when (StorageErrors.IsEngineFailure(ex))
        {
            throw StorageErrors.ToRpc(ex);
        }
    }

    public override async Task<CountRangeResponse> CountRange(CountRangeRequest request, ServerCallContext context)
    {
        var tenant = StorageRequestChecks.OptionalTenant(request.TenantId);
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

    public override async Task<PurgeRangeResponse> PurgeRange(PurgeRangeRequest request, ServerCallContext context)
    {
        var tenant = StorageRequestChecks.OptionalTenant(request.TenantId);
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
