using Akka.Actor;
using Google.Protobuf;
using Grpc.Core;
using PairDb.Coordinator.Interceptors;
using PairDb.Coordinator.Observability;
using PairDb.Messages.Proto;
using PairDb.Messages.Protocols;
using PairDb.Messages.Validation;
using PairDb.Messages.Values;
using PairDb.Protocol.Coordinator;

namespace PairDb.Coordinator.Edge;

/// <summary>
/// WriteKeyValue, DeleteKeyValue and ReadKeyValue: validate, resolve the tenant, ask the actors, map the reply.
/// Writes and deletes go to the key's actor through the shard region; reads go straight to a read aggregator.
/// </summary>
public sealed class KeyValueEdge
{
    /// <summary>The trailer that names the coordinator owning the written key (host:port of its gRPC service).</summary>
    public const string OwnerTrailer = "pairdb-owner";

    private static readonly TimeSpan AskSlack = TimeSpan.FromSeconds(1);
    private readonly EdgeServices _services;

    public KeyValueEdge(EdgeServices services) => _services = services;

    public async Task<WriteKeyValueResponse> WriteAsync(WriteKeyValueRequest request, ServerCallContext context)
    {
        CallTenant.Attach(context, request.TenantId);
        var error = _services.Validator.ValidateWrite(request.TenantId, request.Key, request.Value.Length, request.Consistency, request.IdempotencyKey, out var consistency);
        Reject(error ?? _services.Validator.ValidateTtl(request.TtlMs));
        var conditions = WriteConditions.From(request.Context, request.IfClock, request.IfAbsent);
        var reply = await ApplyAsync(request.TenantId, request.Key, request.Value.Memory, tombstone: false, consistency, request.IdempotencyKey, conditions, request.TtlMs, context);
        return new WriteKeyValueResponse
        {
            Success = true,
            Key = request.Key,
            IdempotencyKey = reply.IdempotencyKey,
            VectorClock = ProtoMapping.ToProto(reply.Clock),
            ReplicaCount = reply.ReplicaCount,
            Consistency = ConsistencyLevels.Name(reply.Consistency),
            IsDuplicate = reply.IsDuplicate,
        };
    }

    public async Task<DeleteKeyValueResponse> DeleteAsync(DeleteKeyValueRequest request, ServerCallContext context)
    {
        CallTenant.Attach(context, request.TenantId);
        var error = _services.Validator.ValidateWrite(request.TenantId, request.Key, 0, request.Consistency, request.IdempotencyKey, out var consistency);
        Reject(error);
        var conditions = WriteConditions.From(request.Context, request.IfClock, ifAbsent: false);
        var reply = await ApplyAsync(request.TenantId, request.Key, ReadOnlyMemory<byte>.Empty, tombstone: true, consistency, request.IdempotencyKey, conditions, ttlMillis: 0, context);
        return new DeleteKeyValueResponse
        {
            Success = true,
            Key = request.Key,
            IdempotencyKey = reply.IdempotencyKey,
            VectorClock = ProtoMapping.ToProto(reply.Clock),
            ReplicaCount = reply.ReplicaCount,
            Consistency = ConsistencyLevels.Name(reply.Consistency),
            IsDuplicate = reply.IsDuplicate,
        };
    }

    public async Task<ReadKeyValueResponse> ReadAsync(ReadKeyValueRequest request, ServerCallContext context)
    {
        CallTenant.Attach(context, request.TenantId);
        Reject(_services.Validator.ValidateRead(request.TenantId, request.Key, request.Consistency, out var consistency));
        var tenant = await RequireTenantAsync(request.TenantId, context.CancellationToken);
        var read = new ReadKey(request.TenantId, request.Key, consistency, tenant.ReplicationFactor, CallDeadline.Of(context));
        using var slot = _services.InFlight.Enter();
        ReadReply reply;
        try
        {
            reply = await _services.Reads.ReadAsync(read, context.CancellationToken);
        }
        catch (Exception ex) when (EdgeStatus.FromAsk(ex) is { } status)
        {
            throw status;
        }

        if (reply is ReadFound { Siblings.Count: > 1 } or ReadNotFound { Siblings.Count: > 1 })
        {
            CoordinatorInstruments.ConflictDetected();
        }

        return reply switch
        {
            ReadFound found => Found(request.Key, found),
            ReadNotFound => throw EdgeStatus.NotFound($"Key '{request.Key}' not found in tenant '{request.TenantId}'."),
            ReadFailed failed => throw Failure(failed.Kind, failed.Message, CoordinatorInstruments.ReadOperation),
            _ => throw EdgeStatus.Internal("Unexpected read reply."),
        };
    }

    private async Task<WriteSucceeded> ApplyAsync(
        string tenantId, string key, ReadOnlyMemory<byte> value, bool tombstone, Consistency consistency, string idempotencyKey,
        WriteConditions conditions, long ttlMillis, ServerCallContext context)
    {
        var tenant = await RequireTenantAsync(tenantId, context.CancellationToken);
        var deadline = CallDeadline.Of(context);
        var clientKey = idempotencyKey.Length > 0;
        var command = new WriteKey(tenantId, key, value, tombstone, consistency, tenant.ReplicationFactor,
            clientKey ? idempotencyKey : Guid.NewGuid().ToString("N"), clientKey, deadline,
            conditions.Context, conditions.IfClock, conditions.IfAbsent, ttlMillis);
        using var slot = _services.InFlight.Enter();
        var reply = await HandOffRetry.AskAsync(
            () => AskAsync<WriteReply>(_services.Keys, command, deadline, context.CancellationToken),
            retryable: clientKey,
            _services.HandOffRetryAfter,
            context.CancellationToken);
        return reply switch
        {
            WriteSucceeded succeeded => Owned(succeeded, context),
            WriteFailed failed => throw Failure(failed.Kind, failed.Message, tombstone ? CoordinatorInstruments.DeleteOperation : CoordinatorInstruments.WriteOperation),
            Messages.Protocols.WriteConditionFailed failed => throw WriteConditions.Failed(failed),
            _ => throw EdgeStatus.Internal("Unexpected write reply."),
        };
    }

    /// <summary>
    /// Names the coordinator whose key actor applied the write in the pairdb-owner trailer (a client that sends each
    /// key to its owner saves the hop between coordinators), and counts the write as local or forwarded.
    /// </summary>
    private WriteSucceeded Owned(WriteSucceeded succeeded, ServerCallContext context)
    {
        if (succeeded.Owner.Length > 0)
        {
            context.ResponseTrailers.Add(OwnerTrailer, succeeded.Owner);
            CoordinatorInstruments.KeyWrite(forwarded: !string.Equals(succeeded.Owner, _services.Endpoint, StringComparison.Ordinal));
        }

        return succeeded;
    }

    /// <summary>The status of a failed key request; a missed quorum is also counted, per operation.</summary>
    private static RpcException Failure(FailureKind kind, string message, string operation)
    {
        if (kind == FailureKind.QuorumNotReached)
        {
            CoordinatorInstruments.QuorumFailed(operation);
        }

        return EdgeStatus.Failure(kind, message);
    }

    private static async Task<T> AskAsync<T>(IActorRef target, object message, DateTime deadline, CancellationToken cancellationToken)
    {
        try
        {
            return await target.Ask<T>(message, CallDeadline.RemainingUntil(deadline) + AskSlack, cancellationToken);
        }
        catch (Exception ex) when (EdgeStatus.FromAsk(ex) is { } status)
        {
            throw status;
        }
    }

    private async Task<Tenant> RequireTenantAsync(string tenantId, CancellationToken cancellationToken)
    {
        return await _services.Tenants.GetAsync(tenantId, cancellationToken)
            ?? throw EdgeStatus.NotFound($"Tenant '{tenantId}' not found.");
    }

    private static ReadKeyValueResponse Found(string key, ReadFound found)
    {
        var response = new ReadKeyValueResponse
        {
            Success = true,
            Key = key,
            Value = UnsafeByteOperations.UnsafeWrap(found.Winner.Value),
            VectorClock = ProtoMapping.ToProto(found.MergedClock),
            TimestampMicros = found.Winner.TimestampMicros,
            ExpiresAtMicros = found.Winner.ExpiresAtMicros,
        };
        if (found.Siblings.Count > 1)
        {
            foreach (var sibling in found.Siblings)
            {
                response.Siblings.Add(new SiblingVersion
                {
                    Value = UnsafeByteOperations.UnsafeWrap(sibling.Value),
                    VectorClock = ProtoMapping.ToProto(sibling.Clock),
                    TimestampMicros = sibling.TimestampMicros,
                    CoordinatorNodeId = sibling.CoordinatorId,
                    Tombstone = sibling.Tombstone,
                    ExpiresAtMicros = sibling.ExpiresAtMicros,
                });
            }
        }

        return response;
    }

    private static void Reject(ValidationError? error)
    {
        if (error is not null)
        {
            throw EdgeStatus.InvalidArgument(error.Message);
        }
    }
}
