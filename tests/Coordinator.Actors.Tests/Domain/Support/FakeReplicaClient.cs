using System.Threading.Channels;
using PairDb.Actors.Cores;
using PairDb.Actors.Ports;
using PairDb.Messages.Values;

namespace PairDb.Actors.Tests.Domain.Support;

/// <summary>
/// A replica client over in-memory replicas. Calls of a held kind wait until the test answers them (see
/// <see cref="TakeHeldAsync"/>); other calls answer at once from the replica's stored sibling set, like a healthy
/// storage node that stores every write unless the test made that node fail them (and refuses a conditional write
/// whose clock does not dominate what it holds). Every call is recorded.
/// </summary>
public sealed class FakeReplicaClient : IReplicaClient
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(string NodeId, string TenantId, string Key), IReadOnlyList<VersionedValue>> _stored = [];
    private readonly HashSet<ReplicaCallKind> _held = [];
    private readonly HashSet<string> _failingWrites = new(StringComparer.Ordinal);
    private readonly List<ReplicaCall> _calls = [];
    private readonly Channel<ReplicaCall> _heldCalls = Channel.CreateUnbounded<ReplicaCall>();

    /// <summary>When set, ReadAsync throws it synchronously (a broken client, not a failed replica).</summary>
    public Exception? ThrowOnRead { get; set; }

    /// <summary>When set, WriteAsync throws it synchronously (a broken client, not a failed replica).</summary>
    public Exception? ThrowOnWrite { get; set; }

    /// <summary>From now on, calls of this kind wait for the test's answer.</summary>
    public void Hold(ReplicaCallKind kind)
    {
        lock (_lock)
        {
            _held.Add(kind);
        }
    }

    /// <summary>From now on, calls of this kind answer at once (already held ones still wait).</summary>
    public void Release(ReplicaCallKind kind)
    {
        lock (_lock)
        {
            _held.Remove(kind);
        }
    }

    public void FailWritesOn(string nodeId) => Set(_failingWrites, nodeId, true);

    public void HealWrites(string nodeId) => Set(_failingWrites, nodeId, false);

    /// <summary>Puts versions on a replica directly, as if written earlier.</summary>
    public void Seed(StorageNode node, string tenantId, string key, params VersionedValue[] versions)
    {
        lock (_lock)
        {
            _stored[(node.NodeId, tenantId, key)] = SiblingSet.MergeAll(versions);
        }
    }

    /// <summary>What a replica holds for the key now.</summary>
    public IReadOnlyList<VersionedValue> Stored(StorageNode node, string tenantId, string key)
    {
        lock (_lock)
        {
            return _stored.GetValueOrDefault((node.NodeId, tenantId, key)) ?? [];
        }
    }

    /// <summary>Every call of this kind so far, in call order.</summary>
    public ReplicaCall[] Calls(ReplicaCallKind kind)
    {
        lock (_lock)
        {
            return [.. _calls.Where(call => call.Kind == kind)];
        }
    }

    public int CountOf(ReplicaCallKind kind) => Calls(kind).Length;

    /// <summary>Waits (bounded) for the next <paramref name="count"/> held calls.</summary>
    public async Task<ReplicaCall[]> TakeHeldAsync(int count)
    {
        var taken = new ReplicaCall[count];
        for (var i = 0; i < count; i++)
        {
            taken[i] = await _heldCalls.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        }

        return taken;
    }

    /// <summary>Answers a held call the way an immediate call would be answered now.</summary>
    public void Complete(ReplicaCall call)
    {
        switch (call.Kind)
        {
            case ReplicaCallKind.Read:
                call.AnswerRead(ReadNow(call));
                break;
            case ReplicaCallKind.Health:
                call.AnswerHealth(healthy: true);
                break;
            default:
                call.AnswerWrite(StoreNow(call));
                break;
        }
    }

    public Task<ReplicaReadReply> ReadAsync(StorageNode node, string tenantId, string key, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (ThrowOnRead is { } error)
        {
            throw error;
        }

        return Start(new ReplicaCall(ReplicaCallKind.Read, node, tenantId, key, [], timeout)).ReadTask;
    }

    public Task<ReplicaWriteResult> WriteAsync(StorageNode node, string tenantId, string key, VersionedValue version, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (ThrowOnWrite is { } error)
        {
            throw error;
        }

        return Start(new ReplicaCall(ReplicaCallKind.Write, node, tenantId, key, [version], timeout)).WriteTask;
    }

    public Task<ReplicaWriteResult> WriteIfDominatesAsync(StorageNode node, string tenantId, string key, VersionedValue version, TimeSpan timeout, CancellationToken cancellationToken) =>
        Start(new ReplicaCall(ReplicaCallKind.ConditionalWrite, node, tenantId, key, [version], timeout)).WriteTask;

    public Task<ReplicaWriteResult> RepairAsync(StorageNode node, string tenantId, string key, IReadOnlyList<VersionedValue> versions, TimeSpan timeout, CancellationToken cancellationToken) =>
        Start(new ReplicaCall(ReplicaCallKind.Repair, node, tenantId, key, versions, timeout)).WriteTask;

    public Task<ReplicaHealth> CheckHealthAsync(StorageNode node, TimeSpan timeout, CancellationToken cancellationToken) =>
        Start(new ReplicaCall(ReplicaCallKind.Health, node, string.Empty, string.Empty, [], timeout)).HealthTask;

    private ReplicaCall Start(ReplicaCall call)
    {
        bool held;
        lock (_lock)
        {
            _calls.Add(call);
            held = _held.Contains(call.Kind);
        }

        if (held)
        {
            _heldCalls.Writer.TryWrite(call);
        }
        else
        {
            Complete(call);
        }

        return call;
    }

    private ReplicaReadReply ReadNow(ReplicaCall call)
    {
        lock (_lock)
        {
            var versions = _stored.GetValueOrDefault((call.NodeId, call.TenantId, call.Key)) ?? [];
            return versions.Count == 0 ? ReplicaReadReply.NotFound(call.NodeId) : ReplicaReadReply.Found(call.NodeId, versions);
        }
    }

    /// <summary>Merges the call's versions into the replica, as a storage node applies a write or repair.</summary>
    private ReplicaWriteResult StoreNow(ReplicaCall call)
    {
        lock (_lock)
        {
            if (_failingWrites.Contains(call.NodeId))
            {
                return ReplicaWriteResult.Failure(call.NodeId, "injected write failure");
            }

            var slot = (call.NodeId, call.TenantId, call.Key);
            var versions = _stored.GetValueOrDefault(slot) ?? [];
            if (call.Kind == ReplicaCallKind.ConditionalWrite && !SiblingSet.DominatesAll(versions, call.Versions[0]))
            {
                return ReplicaWriteResult.Conflict(call.NodeId, versions);
            }

            foreach (var version in call.Versions)
            {
                versions = SiblingSet.Merge(versions, version).Versions;
            }

            _stored[slot] = versions;
            return ReplicaWriteResult.Success(call.NodeId);
        }
    }

    private void Set(HashSet<string> set, string nodeId, bool member)
    {
        lock (_lock)
        {
            if (member)
            {
                set.Add(nodeId);
            }
            else
            {
                set.Remove(nodeId);
            }
        }
    }
}
