using System.Globalization;
using System.Text;
using PairDb.Actors.Ring;
using PairDb.Messages.Values;

namespace PairDb.Coordinator.Health;

/// <summary>
/// The coordinator's readiness: the metadata store and the idempotency store answer a ping, and the ring has at
/// least as many reachable active storage nodes as the smallest replication factor among tenants (1 when there are
/// no tenants). The smallest, not the largest: with that many nodes up, some tenant can still get a full replica
/// set; requiring the largest RF would pull every coordinator out of rotation (they all see the same ring) because
/// of one tenant while the others could be served. Store round trips are shared by concurrent checks and reused
/// for <c>cacheFor</c> after they end, so frequent probes do not load the stores; each is bounded by
/// <c>pingTimeout</c>. The ring is read from its in-memory snapshot on every check.
/// </summary>
public sealed class CoordinatorReadiness
{
    /// <summary>How long a store measurement is reused after it ended.</summary>
    public static readonly TimeSpan DefaultCacheFor = TimeSpan.FromSeconds(1);

    /// <summary>How long one store round trip may take before it counts as failed.</summary>
    public static readonly TimeSpan DefaultPingTimeout = TimeSpan.FromSeconds(1);

    private readonly ReadinessSources _sources;
    private readonly TimeProvider _time;
    private readonly TimeSpan _cacheFor;
    private readonly TimeSpan _pingTimeout;
    private readonly Lock _lock = new();
    private Task<StoreMeasurement>? _measurement;

    public CoordinatorReadiness(ReadinessSources sources, TimeProvider time, TimeSpan? cacheFor = null, TimeSpan? pingTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(time);
        _sources = sources;
        _time = time;
        _cacheFor = cacheFor ?? DefaultCacheFor;
        _pingTimeout = pingTimeout ?? DefaultPingTimeout;
        ArgumentOutOfRangeException.ThrowIfLessThan(_cacheFor, TimeSpan.Zero, nameof(cacheFor));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_pingTimeout, TimeSpan.Zero, nameof(pingTimeout));
    }

    /// <summary>Measures (or reuses a recent measurement of) the stores and reads the ring; never throws for a failing store.</summary>
    public async Task<ReadinessReport> CheckAsync(CancellationToken cancellationToken)
    {
        var stores = await CurrentMeasurement().WaitAsync(cancellationToken);
        return Evaluate(stores, _sources.Ring());
    }

    private static ReadinessReport Evaluate(StoreMeasurement stores, RingSnapshot ring)
    {
        var (active, reachable) = (0, 0);
        foreach (var node in ring.Nodes)
        {
            if (node.Status == StorageNodeStatus.Active)
            {
                active++;
                reachable += ring.IsDown(node.NodeId) ? 0 : 1;
            }
        }

        var needed = stores.SmallestReplicationFactor ?? 1;
        var why = stores.SmallestReplicationFactor is not null ? "the smallest tenant replication factor"
            : stores.MetadataProblem is not null ? "tenants unknown while the metadata store fails"
            : "no tenants yet";
        var problems = new List<string>(3);
        if (stores.MetadataProblem is { } metadata)
        {
            problems.Add("metadata store " + metadata);
        }

        if (stores.IdempotencyProblem is { } idempotency)
        {
            problems.Add("idempotency store " + idempotency);
        }

        var nodes = string.Create(CultureInfo.InvariantCulture, $"{reachable} of {active} storage nodes reachable, {needed} needed ({why})");
        if (reachable < needed)
        {
            problems.Add("only " + nodes);
        }

        var detail = new StringBuilder(256)
            .Append(problems.Count == 0 ? "ready" : "not ready: " + string.Join("; ", problems)).Append('\n')
            .Append("metadata store: ").Append(stores.MetadataProblem ?? "ok").Append('\n')
            .Append("idempotency store: ").Append(stores.IdempotencyProblem ?? "ok").Append('\n')
            .Append("storage nodes: ").Append(nodes).Append('\n');
        if (reachable < active)
        {
            // Which nodes are down and why: unreachable, unhealthy, or another node answering at the address.
            detail.Append("storage nodes down: ").Append(ring.DownDetail(ring.Nodes.Where(static n => n.Status == StorageNodeStatus.Active))).Append('\n');
        }

        return new ReadinessReport(problems.Count == 0, detail.ToString());
    }

    /// <summary>The measurement in flight, or the last one while it is fresh; otherwise starts a new one.</summary>
    private Task<StoreMeasurement> CurrentMeasurement()
    {
        Task<Task<StoreMeasurement>> start;
        Task<StoreMeasurement> measurement;
        lock (_lock)
        {
            if (_measurement is { } current
                && (!current.IsCompleted || (current.IsCompletedSuccessfully && _time.GetElapsedTime(current.Result.CompletedAt) < _cacheFor)))
            {
                return current;
            }

            // Created here, run below: the stores are called outside the lock.
            start = new Task<Task<StoreMeasurement>>(MeasureAsync);
            measurement = start.Unwrap();
            _measurement = measurement;
        }

        start.RunSynchronously();
        return measurement;
    }

    private async Task<StoreMeasurement> MeasureAsync()
    {
        var metadataPing = BoundedAsync(async token =>
        {
            await _sources.PingMetadata(token);
            return true;
        });
        var idempotencyPing = BoundedAsync(async token =>
        {
            await _sources.PingIdempotency(token);
            return true;
        });
        var tenants = BoundedAsync(_sources.ListTenants);
        var (_, metadataProblem) = await metadataPing;
        var (_, idempotencyProblem) = await idempotencyPing;
        var (list, listProblem) = await tenants;
        int? smallest = null;
        foreach (var tenant in list ?? [])
        {
            smallest = Math.Min(smallest ?? int.MaxValue, tenant.ReplicationFactor);
        }

        return new StoreMeasurement(metadataProblem ?? listProblem, idempotencyProblem, smallest, _time.GetTimestamp());
    }

    /// <summary>Runs one store call under the ping timeout; a failure becomes a problem text, never an exception.</summary>
    private async Task<(T? Value, string? Problem)> BoundedAsync<T>(Func<CancellationToken, Task<T>> call)
    {
        using var timeout = new CancellationTokenSource(_pingTimeout, _time);
        try
        {
            // WaitAsync as well as the token: a store that ignores cancellation still cannot hold the check.
            return (await call(timeout.Token).WaitAsync(_pingTimeout, _time), null);
        }
        catch (Exception ex) when (ex is TimeoutException || (ex is OperationCanceledException && timeout.IsCancellationRequested))
        {
            return (default, string.Create(CultureInfo.InvariantCulture, $"did not answer within {_pingTimeout.TotalMilliseconds:0} ms"));
        }
        catch (Exception ex)
        {
            return (default, "unreachable: " + ex.Message);
        }
    }
}
