using System.Collections.Concurrent;
using Grpc.Core;
using Microsoft.Extensions.Logging.Abstractions;
using PairDb.Actors.Cores;
using PairDb.Actors.Ports;
using PairDb.Coordinator.Observability;
using PairDb.Messages.Proto;
using PairDb.Messages.Values;
using PairDb.Protocol.Storage;

namespace PairDb.Coordinator.Replicas;

/// <summary>
/// <see cref="IReplicaClient"/> over storage.StorageNodeService: one channel per storage node address, created on
/// first use and kept (each multiplexes calls on one HTTP/2 connection). Reads and writes made while earlier ones
/// to the same node are in flight are coalesced into batch calls (<see cref="CallCoalescer{TRequest, TResponse}"/>).
/// Every replica failure (status, transport error, deadline, cancellation) comes back as a failed value carrying
/// "STATUS: detail", marked overloaded when the status was RESOURCE_EXHAUSTED (a full queue here or on the node).
/// </summary>
public sealed partial class GrpcReplicaClient : IReplicaClient, IDisposable
{
    private static readonly HealthCheckRequest HealthRequest = new();

    private readonly ConcurrentDictionary<ChannelKey, NodeChannel> _channels = new();
    private readonly ReplicaChannelSettings _channelSettings;
    private readonly CoalescingLimits _coalescing;
    private readonly ILogger _logger;
    private volatile bool _disposed;

    /// <param name="channelSettings">Settings of every channel (message size limits, connect timeout, keep-alive); defaults when null.</param>
    /// <param name="logger">Receives one debug line per failed call.</param>
    /// <param name="coalescing">Bounds of coalescing reads and writes to a node into batch calls; defaults when null.</param>
    public GrpcReplicaClient(ReplicaChannelSettings? channelSettings = null, ILogger? logger = null, CoalescingLimits? coalescing = null)
    {
        _channelSettings = channelSettings ?? ReplicaChannelSettings.Default;
        _logger = logger ?? NullLogger.Instance;
        _coalescing = (coalescing ?? new CoalescingLimits()).Validated();
    }

    /// <summary>WriteBatch and ReadBatch calls sent so far, over every node.</summary>
    internal long BatchCalls
    {
        get
        {
            long total = 0;
            foreach (var pair in _channels)
            {
                total += pair.Value.Writes.BatchesSent + pair.Value.Reads.BatchesSent;
            }

            return total;
        }
    }

    /// <summary>How many storage node addresses have a channel.</summary>
    public int ChannelCount => _channels.Count;

    public async Task<ReplicaReadReply> ReadAsync(StorageNode node, string tenantId, string key, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(node);
        var request = new ReadRequest { TenantId = tenantId, Key = key };
        try
        {
            var response = cancellationToken.CanBeCanceled
                ? await Client(node).ReadAsync(request, deadline: NodeChannel.DeadlineAfter(timeout), cancellationToken: cancellationToken)
                : await Node(node).Reads.CallAsync(request, timeout);
            var found = response.Found && response.Versions.Count > 0;
            CoordinatorInstruments.ReplicaRead(node.NodeId, ok: true, found);
            return found
                ? ReplicaReadReply.Found(node.NodeId, ProtoMapping.FromProto(response.Versions))
                : ReplicaReadReply.NotFound(node.NodeId);
        }
        catch (RpcException ex)
        {
            CoordinatorInstruments.ReplicaRead(node.NodeId, ok: false, found: false);
            return ReplicaReadReply.Failed(node.NodeId, LogFailure(node, "Read", ex), ReplicaCallErrors.IsOverload(ex));
        }
    }

    public Task<ReplicaWriteResult> WriteAsync(
        StorageNode node, string tenantId, string key, VersionedValue version, TimeSpan timeout, CancellationToken cancellationToken) =>
        SendWriteAsync(node, new WriteRequest { TenantId = tenantId, Key = key, Version = ProtoMapping.ToProto(version) }, timeout, cancellationToken);

    public Task<ReplicaWriteResult> WriteIfDominatesAsync(
        StorageNode node, string tenantId, string key, VersionedValue version, TimeSpan timeout, CancellationToken cancellationToken) =>
        SendWriteAsync(node, new WriteRequest { TenantId = tenantId, Key = key, Version = ProtoMapping.ToProto(version), IfDominates = true }, timeout, cancellationToken);

    public async Task<ReplicaWriteResult> RepairAsync(
        StorageNode node, string tenantId, string key, IReadOnlyList<VersionedValue> versions, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(versions);
        var request = new RepairRequest { TenantId = tenantId, Key = key };
        for (var i = 0; i < versions.Count; i++)
        {
            request.Versions.Add(ProtoMapping.ToProto(versions[i]));
        }

        try
        {
            await Client(node).RepairAsync(request, deadline: NodeChannel.DeadlineAfter(timeout), cancellationToken: cancellationToken);
            return ReplicaWriteResult.Success(node.NodeId);
        }
        catch (RpcException ex)
        {
            return ReplicaWriteResult.Failure(node.NodeId, LogFailure(node, "Repair", ex));
        }
    }

    public async Task<ReplicaHealth> CheckHealthAsync(StorageNode node, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(node);
        try
        {
            var response = await Client(node).HealthCheckAsync(HealthRequest, deadline: NodeChannel.DeadlineAfter(timeout), cancellationToken: cancellationToken);

            // Another node answering at this address (a misconfigured port) must not count as this one being healthy.
            return string.Equals(response.NodeId, node.NodeId, StringComparison.Ordinal)
                ? new ReplicaHealth(node.NodeId, true, response.Healthy, response.KeysCount, response.DiskUsagePercent, response.Status, response.Incarnation)
                : new ReplicaHealth(
                    node.NodeId, true, false, response.KeysCount, response.DiskUsagePercent,
                    $"node ids do not match: {node.Address} is served by storage node '{response.NodeId}', not '{node.NodeId}'");
        }
        catch (RpcException ex)
        {
            return new ReplicaHealth(node.NodeId, false, false, 0, 0f, LogFailure(node, "HealthCheck", ex));
        }
    }

    /// <summary>Closes every channel; calls made afterwards throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        _disposed = true;
        foreach (var pair in _channels)
        {
            if (_channels.TryRemove(pair.Key, out var channel))
            {
                channel.Dispose();
            }
        }
    }

    /// <summary>
    /// A write (conditional or not), alone when the caller can cancel it, otherwise through the node's coalescer. A
    /// version the replica drops as dominated is still acknowledged: the replica holds something at least as new.
    /// Only a conditional write can come back as a conflict.
    /// </summary>
    private async Task<ReplicaWriteResult> SendWriteAsync(StorageNode node, WriteRequest request, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(node);
        try
        {
            var response = cancellationToken.CanBeCanceled
                ? await Client(node).WriteAsync(request, deadline: NodeChannel.DeadlineAfter(timeout), cancellationToken: cancellationToken)
                : await Node(node).Writes.CallAsync(request, timeout);
            CoordinatorInstruments.ReplicaWrite(node.NodeId, ok: true);
            return response.Conflict
                ? ReplicaWriteResult.Conflict(node.NodeId, ProtoMapping.FromProto(response.Current))
                : ReplicaWriteResult.Success(node.NodeId);
        }
        catch (RpcException ex)
        {
            CoordinatorInstruments.ReplicaWrite(node.NodeId, ok: false);
            return ReplicaWriteResult.Failure(node.NodeId, LogFailure(node, "Write", ex), ReplicaCallErrors.IsOverload(ex));
        }
    }

    private PairDb.Protocol.Storage.StorageNodeService.StorageNodeServiceClient Client(StorageNode node) => Node(node).Client;

    private NodeChannel Node(StorageNode node)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var key = new ChannelKey(node.Host, node.Port);
        if (_channels.TryGetValue(key, out var existing))
        {
            return existing;
        }

        NodeChannel created;
        try
        {
            created = new NodeChannel(_channelSettings.CreateChannel(node.Address), _coalescing);
        }
        catch (Exception ex) when (ex is UriFormatException or ArgumentException)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, $"'{node.Address}' is not a valid storage node address: {ex.Message}"));
        }

        var channel = _channels.GetOrAdd(key, created);
        if (!ReferenceEquals(channel, created))
        {
            // Another call created the channel first; this one was never used.
            created.Dispose();
        }
        else if (_disposed && _channels.TryRemove(key, out var late))
        {
            late.Dispose();
            throw new ObjectDisposedException(nameof(GrpcReplicaClient));
        }

        return channel;
    }

    private string LogFailure(StorageNode node, string method, RpcException exception)
    {
        var reason = ReplicaCallErrors.Describe(exception);
        ReplicaClientLog.CallFailed(_logger, node.NodeId, node.Address, method, reason);
        return reason;
    }

    /// <summary>A storage node's address; a value type so that finding a cached channel allocates nothing.</summary>
    private readonly record struct ChannelKey(string Host, int Port);
}
