using Google.Protobuf;
using Grpc.Core;
using PairDb.Client.Internal;
using PairDb.Protocol.Coordinator;

namespace PairDb.Client;

/// <summary>Batch reads and writes: several keys of one tenant in one call, each with its own outcome.</summary>
public sealed partial class PairDbClient
{
    /// <summary>
    /// Reads several keys of one tenant in one call; one result per key, in the order given. A key that failed does not
    /// fail the others (see <see cref="PairDbBatchReadResult"/>); a failure of the whole call throws.
    /// </summary>
    /// <exception cref="PairDbException">The call itself failed (after the retries the policy allows).</exception>
    public Task<IReadOnlyList<PairDbBatchReadResult>> BatchReadAsync(
        IReadOnlyList<string> keys, PairDbCallOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        options ??= new PairDbCallOptions();
        var request = new BatchReadRequest { TenantId = TenantOf(options), Consistency = ConsistencyOf(options) };
        request.Keys.AddRange(keys);
        return RunAsync(static (client, call, request) => client.BatchReadAsync(request, call), request, static response => (IReadOnlyList<PairDbBatchReadResult>)
            [.. response.Results.Select(static r => r.Status?.Code == (int)StatusCode.NotFound
                ? new PairDbBatchReadResult(r.Key, null, null)
                : new PairDbBatchReadResult(r.Key, r.Response is { } found && IsOk(r.Status) ? ProtoMapping.ToResult(found) : null, ErrorMapping.ToException(r.Status)))],
            options, cancellationToken);
    }

    /// <summary>
    /// Writes and deletes several keys of one tenant in one call; one result per item, in the order given. Each item
    /// carries its own idempotency key (generated when not given), the same in every retry of the batch, so a retried
    /// batch applies no item twice. An item that failed does not fail the others and is not retried on its own.
    /// </summary>
    /// <exception cref="PairDbException">The call itself failed (after the retries the policy allows).</exception>
    public Task<IReadOnlyList<PairDbBatchWriteResult>> BatchWriteAsync(
        IReadOnlyList<PairDbBatchWrite> items, PairDbCallOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        options ??= new PairDbCallOptions();
        var request = new BatchWriteRequest { TenantId = TenantOf(options), Consistency = ConsistencyOf(options) };
        foreach (var item in items)
        {
            ArgumentNullException.ThrowIfNull(item, nameof(items));
            request.Items.Add(new BatchWriteItem
            {
                Key = item.Key,
                Value = item.Delete ? ByteString.Empty : ByteString.CopyFrom(item.Value),
                Delete = item.Delete,
                IdempotencyKey = item.IdempotencyKey ?? NewIdempotencyKey(),
                Context = ProtoMapping.ToProto(item.Context),
                IfClock = ProtoMapping.ToProto(item.IfClock),
                IfAbsent = item.IfAbsent,
                TtlMs = ProtoMapping.TtlMillis(item.TimeToLive),
            });
        }

        return RunAsync(static (client, call, request) => client.BatchWriteAsync(request, call), request, static response => (IReadOnlyList<PairDbBatchWriteResult>)
            [.. response.Results.Select(static r => new PairDbBatchWriteResult(
                r.Key, r.Response is { } applied && IsOk(r.Status) ? ProtoMapping.ToResult(applied) : null, ErrorMapping.ToException(r.Status)))],
            options, cancellationToken);
    }

    private static bool IsOk(ItemStatus? status) => status is null || status.Code == (int)StatusCode.OK;
}
