using Google.Protobuf;
using Akka.Actor;
using PairDb.Coordinator.Interceptors;
using PairDb.Coordinator.Observability;
using PairDb.Messages.Protocols;
using PairDb.Messages.Values;
using PairDb.Protocol.Coordinator;

namespace PairDb.Coordinator.Edge;

/// <summary>
/// The one path of a key request, shared by the single calls (<see cref="KeyValueEdge"/>) and the items of a batch
/// (<see cref="BatchEdge"/>): the checks of what a call names once (tenant, consistency) and of each item (key, value,
/// idempotency key, context and condition), then applying an item (writes and deletes through the shard region to the
/// key's actor, reads through the read path) with its reply mapped to a <see cref="KeyOutcome{T}"/>: a value, never an
/// exception, so one failed item of a batch fails no other. Slots of the in-flight bound are taken by the callers.
/// </summary>
public sealed class KeyRequests
{
    private static readonly TimeSpan AskSlack = TimeSpan.FromSeconds(1);
    private readonly EdgeServices _services;

    public KeyRequests(EdgeServices services) => _services = services;

    /// <summary>The tenant id and consistency every key call names once; throws INVALID_ARGUMENT naming the field.</summary>
    public Consistency CheckCall(string tenantId, string consistency)
    {
        if (_services.Validator.ValidateCall(tenantId, consistency, out var parsed) is { } error)
        {
            throw EdgeStatus.InvalidArgument(error.Message);
        }

        return parsed;
    }

    /// <summary>The tenant's record; throws NOT_FOUND when there is no such tenant.</summary>
    public async Task<Tenant> RequireTenantAsync(string tenantId, CancellationToken cancellationToken) =>
        await _services.Tenants.GetAsync(tenantId, cancellationToken)
        ?? throw EdgeStatus.NotFound($"Tenant '{tenantId}' not found.");

    /// <summary>
    /// Admits a call of <paramref name="tenant"/> naming <paramref name="requests"/> keys in <paramref name="request"/>
    /// under the tenant's rate limits; throws RESOURCE_EXHAUSTED with a retry-after-ms trailer when it is over one. A
    /// batch counts one request per key it names, so batching does not multiply a tenant's rate. The request's size is
    /// computed only for a tenant with limits.
    /// </summary>
    public void Admit(Tenant tenant, int requests, IMessage request)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(request);
        if (_services.RateLimits.LimitsOf(tenant).IsUnlimited)
        {
            return;
        }

        var verdict = _services.RateLimits.TryAdmit(tenant, requests, request.CalculateSize());
        if (!verdict.IsAdmitted)
        {
            throw EdgeStatus.RateLimited(tenant.TenantId, verdict);
        }
    }

    /// <summary>
    /// Checks one write or delete (key, value size, idempotency key, ttl_ms within limits.max_ttl, at most one of context,
    /// if_clock and if_absent, and for a delete no value, if_absent or ttl_ms); an INVALID_ARGUMENT failure naming the field, or null and the write.
    /// </summary>
    public KeyFailure? PrepareWrite(BatchWriteItem item, out PreparedWrite? write)
    {
        ArgumentNullException.ThrowIfNull(item);
        write = null;
        if (_services.Validator.ValidateWriteItem(item.Key, item.Value.Length, item.IdempotencyKey) is { } error)
        {
            return KeyFailure.InvalidArgument(error.Message);
        }

        if (item.Delete && DeleteProblem(item) is { } problem)
        {
            return KeyFailure.InvalidArgument(problem);
        }

        if (_services.Validator.ValidateTtl(item.TtlMs) is { } ttl)
        {
            return KeyFailure.InvalidArgument(ttl.Message);
        }

        if (WriteConditions.TryFrom(item.Context, item.IfClock, item.IfAbsent, out var conditions) is { } invalid)
        {
            return invalid;
        }

        write = new PreparedWrite(item.Key, item.Value.Memory, item.Delete, item.IdempotencyKey, conditions, item.TtlMs);
        return null;
    }

    /// <summary>
    /// Applies <paramref name="write"/> through the key's actor (sent a second time after a shard hand-off when it
    /// carries the client's idempotency key, <see cref="HandOffRetry"/>); counts a missed quorum and whether the key's
    /// actor ran here or on another coordinator.
    /// </summary>
    public async Task<KeyOutcome<WriteSucceeded>> WriteAsync(
        Tenant tenant, Consistency consistency, PreparedWrite write, DateTime deadline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(write);
        var clientKey = write.IdempotencyKey.Length > 0;
        var command = new WriteKey(tenant.TenantId, write.Key, write.Value, write.Tombstone, consistency, tenant.ReplicationFactor,
            clientKey ? write.IdempotencyKey : Guid.NewGuid().ToString("N"), clientKey, deadline,
            write.Conditions.Context, write.Conditions.IfClock, write.Conditions.IfAbsent, write.TtlMillis);
        WriteReply reply;
        try
        {
            reply = await HandOffRetry.AskAsync(
                () => _services.Keys.Ask<WriteReply>(command, CallDeadline.RemainingUntil(deadline) + AskSlack, cancellationToken),
                retryable: clientKey,
                _services.HandOffRetryAfter,
                cancellationToken);
        }
        catch (Exception ex) when (KeyFailure.FromAsk(ex) is { } failure)
        {
            return new KeyOutcome<WriteSucceeded>(failure);
        }

        switch (reply)
        {
            case WriteSucceeded succeeded:
                if (succeeded.Owner.Length > 0)
                {
                    CoordinatorInstruments.KeyWrite(forwarded: !string.Equals(succeeded.Owner, _services.Endpoint, StringComparison.Ordinal));
                }

                return new KeyOutcome<WriteSucceeded>(succeeded);
            case WriteFailed failed:
                return new KeyOutcome<WriteSucceeded>(
                    Failure(failed.Kind, failed.Message, write.Tombstone ? CoordinatorInstruments.DeleteOperation : CoordinatorInstruments.WriteOperation));
            case Messages.Protocols.WriteConditionFailed failed:
                return new KeyOutcome<WriteSucceeded>(KeyFailure.ConditionFailed(failed));
            default:
                throw EdgeStatus.Internal("Unexpected write reply.");
        }
    }

    /// <summary>Reads <paramref name="key"/> through the read path; a key with no live version is a NOT_FOUND failure.</summary>
    public async Task<KeyOutcome<ReadKeyValueResponse>> ReadAsync(
        Tenant tenant, string key, Consistency consistency, DateTime deadline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ReadReply reply;
        try
        {
            reply = await _services.Reads.ReadAsync(new ReadKey(tenant.TenantId, key, consistency, tenant.ReplicationFactor, deadline), cancellationToken);
        }
        catch (Exception ex) when (KeyFailure.FromAsk(ex) is { } failure)
        {
            return new KeyOutcome<ReadKeyValueResponse>(failure);
        }

        if (reply is ReadFound { Siblings.Count: > 1 } or ReadNotFound { Siblings.Count: > 1 })
        {
            CoordinatorInstruments.ConflictDetected();
        }

        return reply switch
        {
            ReadFound found => new KeyOutcome<ReadKeyValueResponse>(KeyResponses.Found(key, found, (DateTime.UtcNow - DateTime.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond)),
            ReadNotFound => new KeyOutcome<ReadKeyValueResponse>(KeyFailure.NotFound($"Key '{key}' not found in tenant '{tenant.TenantId}'.")),
            ReadFailed failed => new KeyOutcome<ReadKeyValueResponse>(Failure(failed.Kind, failed.Message, CoordinatorInstruments.ReadOperation)),
            _ => throw EdgeStatus.Internal("Unexpected read reply."),
        };
    }

    /// <summary>
    /// A failed key request; a missed quorum is also counted, per operation, whether the replicas failed after the
    /// request was sent or too many were down for it to be sent at all.
    /// </summary>
    private static KeyFailure Failure(FailureKind kind, string message, string operation)
    {
        if (kind is FailureKind.QuorumNotReached or FailureKind.ReplicasDown)
        {
            CoordinatorInstruments.QuorumFailed(operation);
        }

        return KeyFailure.Of(kind, message);
    }

    /// <summary>A delete writes a tombstone: it carries no value, no if_absent (a key that is absent has nothing to delete) and no time to live.</summary>
    private static string? DeleteProblem(BatchWriteItem item) =>
        item.Value.Length > 0 ? $"value must be empty when delete is set (got {item.Value.Length} bytes)."
        : item.IfAbsent ? "if_absent must not be set when delete is set."
        : item.TtlMs != 0 ? $"ttl_ms must be 0 when delete is set (got {item.TtlMs})."
        : null;
}
