using Grpc.Core;
using PairDb.Messages.Ring;
using PairDb.Protocol.Storage;
using PairDb.Storage.Engine;

namespace PairDb.Storage.Service;

/// <summary>The anti-entropy calls: DigestRange and CollectTombstones.</summary>
public sealed partial class StorageNodeGrpcService
{
    public override async Task<DigestRangeResponse> DigestRange(DigestRangeRequest request, ServerCallContext context)
    {
        var tenants = _checks.RangeTenants(request.TenantIds);
        var leaves = _checks.DigestLeaves(request.Leaves);
        IReadOnlyList<ArcDigest> arcs;
        try
        {
            arcs = await _engine.DigestRangeAsync(new RingRange(request.Start, request.End), tenants, leaves, context.CancellationToken);
        }
        catch (Exception ex) when (StorageErrors.IsEngineFailure(ex))
        {
            throw StorageErrors.ToRpc(ex);
        }

        var response = new DigestRangeResponse();
        for (var i = 0; i < arcs.Count; i++)
        {
            response.Leaves.Add(new LeafDigest { Hash = arcs[i].Hash, Keys = arcs[i].Keys });
        }

        return response;
    }

    public override async Task<CollectTombstonesResponse> CollectTombstones(CollectTombstonesRequest request, ServerCallContext context)
    {
        var tenants = _checks.RangeTenants(request.TenantIds);
        if (request.CutoffMicros < 0)
        {
            throw StorageErrors.InvalidArgument($"cutoff_micros must not be negative (was {request.CutoffMicros}).");
        }

        try
        {
            var result = await _engine.CollectTombstonesAsync(
                new RingRange(request.Start, request.End), tenants, request.CutoffMicros, context.CancellationToken);
            return new CollectTombstonesResponse { KeysRemoved = result.KeysRemoved, VersionsRemoved = result.VersionsRemoved };
        }
        catch (Exception ex) when (StorageErrors.IsEngineFailure(ex))
        {
            throw StorageErrors.ToRpc(ex);
        }
    }
}
