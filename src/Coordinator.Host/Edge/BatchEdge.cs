using Grpc.Core;
using PairDb.Coordinator.Interceptors;
using PairDb.Coordinator.Observability;
using PairDb.Messages.Protocols;
using PairDb.Messages.Validation;
using PairDb.Protocol.Coordinator;

namespace PairDb.Coordinator.Edge;

/// <summary>
/// BatchRead and BatchWrite: several keys of one tenant in one call. The call as a whole is checked first (tenant,
/// consistency, 1..limits.max_batch_keys items, each key once; then the tenant must exist, and its rate limits admit the
/// call: one request per key named, the whole request's bytes; over them the call is refused as a whole,
/// RESOURCE_EXHAUSTED with a retry-after-ms trailer); then every item is checked
/// and applied on its own through <see cref="KeyRequests"/>, the path of the single calls, all items at once: writes
/// through the shard region to each key's actor, reads through the read path, so the replica client coalesces their
/// storage calls into batches. Each item answers its own status; results come in the request's order. The items that
/// are applied hold one slot each of the in-flight bound for the whole call, taken together before any runs: a batch
/// the bound has no room for is refused as a whole (RESOURCE_EXHAUSTED, as a single call), never half run.
/// </summary>
public sealed class BatchEdge
{
    private readonly EdgeServices _services;
    private readonly KeyRequests _keys;

    public BatchEdge(EdgeServices services, KeyRequests keys)
    {
        _services = services;
        _keys = keys;
    }

    public async Task<BatchReadResponse> ReadAsync(BatchReadRequest request, ServerCallContext context)
    {
        CallTenant.Attach(context, request.TenantId);
        var consistency = _keys.CheckCall(request.TenantId, request.Consistency);
        BatchShape.Check(request.Keys, static key => key, "keys", _services.Batch.MaxKeys);
        var tenant = await _keys.RequireTenantAsync(request.TenantId, context.CancellationToken);
        _keys.Admit(tenant, request.Keys.Count, request);
        var deadline = CallDeadline.Of(context);

        var count = request.Keys.Count;
        var invalid = new KeyFailure?[count];
        var valid = 0;
        for (var i = 0; i < count; i++)
        {
            invalid[i] = RequestValidator.ValidateKey(request.Keys[i]) is { } error ? KeyFailure.InvalidArgument(error.Message) : null;
            valid += invalid[i] is null ? 1 : 0;
        }

        var reads = new Task<KeyOutcome<ReadKeyValueResponse>>?[count];
        using (_services.InFlight.Enter(valid))
        {
            for (var i = 0; i < count; i++)
            {
                reads[i] = invalid[i] is null ? _keys.ReadAsync(tenant, request.Keys[i], consistency, deadline, context.CancellationToken) : null;
            }

            await WhenAll(reads);
        }

        var response = new BatchReadResponse();
        var answerBytes = 0L;
        for (var i = 0; i < count; i++)
        {
            var key = request.Keys[i];
            var outcome = reads[i] is { } read ? read.Result : new KeyOutcome<ReadKeyValueResponse>(invalid[i]!);
            if (outcome.Value is { } found && (answerBytes += found.CalculateSize()) > _services.Batch.MaxAnswerBytes)
            {
                outcome = new KeyOutcome<ReadKeyValueResponse>(new KeyFailure(StatusCode.ResourceExhausted,
                    $"The batch's answer would exceed {_services.Batch.MaxAnswerBytes} bytes with this key's value; read it alone or in a later batch."));
            }

            response.Results.Add(new BatchReadResult { Key = key, Status = BatchResults.Status(CoordinatorInstruments.BatchReadMethod, outcome.Failure, _services.Batch.RetryAfter), Response = outcome.Value });
        }

        return response;
    }

    public async Task<BatchWriteResponse> WriteAsync(BatchWriteRequest request, ServerCallContext context)
    {
        CallTenant.Attach(context, request.TenantId);
        var consistency = _keys.CheckCall(request.TenantId, request.Consistency);
        BatchShape.Check(request.Items, static item => item.Key, "items", _services.Batch.MaxKeys);
        var tenant = await _keys.RequireTenantAsync(request.TenantId, context.CancellationToken);
        _keys.Admit(tenant, request.Items.Count, request);
        var deadline = CallDeadline.Of(context);

        var count = request.Items.Count;
        var invalid = new KeyFailure?[count];
        var prepared = new PreparedWrite?[count];
        var valid = 0;
        for (var i = 0; i < count; i++)
        {
            invalid[i] = _keys.PrepareWrite(request.Items[i], out prepared[i]);
            valid += invalid[i] is null ? 1 : 0;
        }

        var writes = new Task<KeyOutcome<WriteSucceeded>>?[count];
        using (_services.InFlight.Enter(valid))
        {
            for (var i = 0; i < count; i++)
            {
                writes[i] = prepared[i] is { } write ? _keys.WriteAsync(tenant, consistency, write, deadline, context.CancellationToken) : null;
            }

            await WhenAll(writes);
        }

        var response = new BatchWriteResponse();
        for (var i = 0; i < count; i++)
        {
            var key = request.Items[i].Key;
            var outcome = writes[i] is { } write ? write.Result : new KeyOutcome<WriteSucceeded>(invalid[i]!);
            response.Results.Add(new BatchWriteResult
            {
                Key = key,
                Status = BatchResults.Status(CoordinatorInstruments.BatchWriteMethod, outcome.Failure, _services.Batch.RetryAfter),
                Response = outcome.Value is { } written ? KeyResponses.Written(key, written) : null,
            });
        }

        return response;
    }

    /// <summary>
    /// Waits until every started item has ended, so none still runs when the call's slots are given back; an item that
    /// threw (the client cancelled, or a bug) then fails the call.
    /// </summary>
    private static Task WhenAll<T>(Task<T>?[] items)
    {
        var started = new List<Task>(items.Length);
        foreach (var item in items)
        {
            if (item is not null)
            {
                started.Add(item);
            }
        }

        return Task.WhenAll(started);
    }
}
