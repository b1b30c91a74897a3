using Google.Protobuf;
using Grpc.Core;
using PairDb.Coordinator.Interceptors;
using PairDb.Messages.Protocols;
using PairDb.Messages.Validation;
using PairDb.Protocol.Coordinator;

namespace PairDb.Coordinator.Edge;

/// <summary>
/// WriteKeyValue, DeleteKeyValue and ReadKeyValue: check the call, resolve the tenant, admit the call under the tenant's
/// rate limits, take a slot of the in-flight bound, apply the one key through <see cref="KeyRequests"/> (the path batch items take too) and throw its failure as
/// the call's status.
/// </summary>
public sealed class KeyValueEdge
{
    /// <summary>The trailer that names the coordinator owning the written key (host:port of its gRPC service).</summary>
    public const string OwnerTrailer = "pairdb-owner";

    private readonly EdgeServices _services;
    private readonly KeyRequests _keys;

    public KeyValueEdge(EdgeServices services, KeyRequests keys)
    {
        _services = services;
        _keys = keys;
    }

    public async Task<WriteKeyValueResponse> WriteAsync(WriteKeyValueRequest request, ServerCallContext context)
    {
        var item = new BatchWriteItem
        {
            Key = request.Key, Value = request.Value, IdempotencyKey = request.IdempotencyKey, Context = request.Context, IfClock = request.IfClock,
            IfAbsent = request.IfAbsent, TtlMs = request.TtlMs,
        };
        var written = await ApplyAsync(request.TenantId, request.Consistency, item, request, context);
        return KeyResponses.Written(request.Key, written);
    }

    public async Task<DeleteKeyValueResponse> DeleteAsync(DeleteKeyValueRequest request, ServerCallContext context)
    {
        var item = new BatchWriteItem
        {
            Key = request.Key, IdempotencyKey = request.IdempotencyKey, Context = request.Context, IfClock = request.IfClock, Delete = true,
        };
        var deleted = await ApplyAsync(request.TenantId, request.Consistency, item, request, context);
        return KeyResponses.Deleted(request.Key, deleted);
    }

    public async Task<ReadKeyValueResponse> ReadAsync(ReadKeyValueRequest request, ServerCallContext context)
    {
        CallTenant.Attach(context, request.TenantId);
        var consistency = _keys.CheckCall(request.TenantId, request.Consistency);
        if (RequestValidator.ValidateKey(request.Key) is { } error)
        {
            throw EdgeStatus.InvalidArgument(error.Message);
        }

        var tenant = await _keys.RequireTenantAsync(request.TenantId, context.CancellationToken);
        _keys.Admit(tenant, 1, request);
        using var slot = _services.InFlight.Enter();
        var outcome = await _keys.ReadAsync(tenant, request.Key, consistency, CallDeadline.Of(context), context.CancellationToken);
        return outcome.ValueOrThrow();
    }

    private async Task<WriteSucceeded> ApplyAsync(string tenantId, string consistencyName, BatchWriteItem item, IMessage request, ServerCallContext context)
    {
        CallTenant.Attach(context, tenantId);
        var consistency = _keys.CheckCall(tenantId, consistencyName);
        if (_keys.PrepareWrite(item, out var write) is { } invalid)
        {
            throw invalid.ToRpcException();
        }

        var tenant = await _keys.RequireTenantAsync(tenantId, context.CancellationToken);
        _keys.Admit(tenant, 1, request);
        using var slot = _services.InFlight.Enter();
        var outcome = await _keys.WriteAsync(tenant, consistency, write!, CallDeadline.Of(context), context.CancellationToken);
        var succeeded = outcome.ValueOrThrow();

        // A client that sends each key to its owner saves the hop between coordinators.
        if (succeeded.Owner.Length > 0)
        {
            context.ResponseTrailers.Add(OwnerTrailer, succeeded.Owner);
        }

        return succeeded;
    }
}
