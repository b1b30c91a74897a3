using System.Runtime.CompilerServices;
using Grpc.Core;
using PairDb.Actors.Ports;
using PairDb.Messages.Proto;
using PairDb.Messages.Ring;
using PairDb.Messages.Values;
using PairDb.Protocol.Storage;
using Digest = PairDb.Actors.Ports.LeafDigest;

namespace PairDb.Coordinator.Replicas;

/// <summary><see cref="IRangeClient"/>: the storage node's ScanRange, CountRange, PurgeRange, DigestRange and CollectTombstones calls.</summary>
public sealed partial class GrpcReplicaClient : IRangeClient
{
    public async IAsyncEnumerable<IReadOnlyList<RangeRecord>> ScanAsync(
        StorageNode node,
        string tenantId,
        ulong start,
        ulong end,
        int batchSize,
        TimeSpan idleTimeout,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(node);
        var request = new ScanRangeRequest { Start = start, End = end, BatchSize = batchSize, TenantId = tenantId };

        // No deadline for the whole scan (its length depends on the data), but every batch must come within idleTimeout.
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        idle.CancelAfter(idleTimeout);
        using var call = Client(node).ScanRange(request, cancellationToken: idle.Token);
        await using var batches = call.ResponseStream.ReadAllAsync(idle.Token).GetAsyncEnumerator(idle.Token);
        while (true)
        {
            ScanRangeBatch batch;
            try
            {
                if (!await batches.MoveNextAsync())
                {
                    yield break;
                }

                batch = batches.Current;
            }
            catch (RpcException ex)
            {
                throw Failed(node, "ScanRange", ex, idle.IsCancellationRequested && !cancellationToken.IsCancellationRequested, idleTimeout);
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw new RangeCallException($"ScanRange on {node.NodeId} ({node.Address}) sent nothing for {idleTimeout.TotalSeconds:0.#} s.", ex);
            }

            var records = new RangeRecord[batch.Records.Count];
            for (var i = 0; i < records.Length; i++)
            {
                var record = batch.Records[i];
                records[i] = new RangeRecord(record.TenantId, record.Key, ProtoMapping.FromProto(record.Versions));
            }

            idle.CancelAfter(idleTimeout);
            yield return records;
        }
    }

    public async Task<long> CountAsync(StorageNode node, string tenantId, ulong start, ulong end, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(node);
        try
        {
            var response = await Client(node).CountRangeAsync(
                new CountRangeRequest { Start = start, End = end, TenantId = tenantId }, deadline: NodeChannel.DeadlineAfter(timeout), cancellationToken: cancellationToken);
            return response.Keys;
        }
        catch (RpcException ex)
        {
            throw Failed(node, "CountRange", ex, false, timeout);
        }
    }

    public async Task<long> PurgeAsync(StorageNode node, string tenantId, ulong start, ulong end, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(node);
        try
        {
            var response = await Client(node).PurgeRangeAsync(
                new PurgeRangeRequest { Start = start, End = end, TenantId = tenantId }, deadline: NodeChannel.DeadlineAfter(timeout), cancellationToken: cancellationToken);
            return response.KeysRemoved;
        }
        catch (RpcException ex)
        {
            throw Failed(node, "PurgeRange", ex, false, timeout);
        }
    }

    public async Task<IReadOnlyList<Digest>> DigestAsync(
        StorageNode node, RingRange range, IReadOnlyList<string> tenantIds, int leaves, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(node);
        var request = new DigestRangeRequest { Start = range.Start, End = range.End, Leaves = leaves };
        request.TenantIds.AddRange(tenantIds);
        try
        {
            var response = await Client(node).DigestRangeAsync(request, deadline: NodeChannel.DeadlineAfter(timeout), cancellationToken: cancellationToken);
            var digests = new Digest[response.Leaves.Count];
            for (var i = 0; i < digests.Length; i++)
            {
                digests[i] = new Digest(response.Leaves[i].Hash, response.Leaves[i].Keys);
            }

            return digests;
        }
        catch (RpcException ex)
        {
            throw Failed(node, "DigestRange", ex, false, timeout);
        }
    }

    public async Task<long> CollectTombstonesAsync(
        StorageNode node, RingRange range, IReadOnlyList<string> tenantIds, long cutoffMicros, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(node);
        var request = new CollectTombstonesRequest { Start = range.Start, End = range.End, CutoffMicros = cutoffMicros };
        request.TenantIds.AddRange(tenantIds);
        try
        {
            var response = await Client(node).CollectTombstonesAsync(request, deadline: NodeChannel.DeadlineAfter(timeout), cancellationToken: cancellationToken);
            return response.KeysRemoved;
        }
        catch (RpcException ex)
        {
            throw Failed(node, "CollectTombstones", ex, false, timeout);
        }
    }

    private RangeCallException Failed(StorageNode node, string method, RpcException exception, bool idle, TimeSpan timeout) =>
        new(idle
            ? $"{method} on {node.NodeId} ({node.Address}) sent nothing for {timeout.TotalSeconds:0.#} s."
            : $"{method} on {node.NodeId} ({node.Address}) failed: {LogFailure(node, method, exception)}", exception);
}
