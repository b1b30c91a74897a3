using System.Diagnostics.Metrics;
using PairDb.Coordinator.Composition;
using PairDb.Messages.Values;

namespace PairDb.Coordinator.Observability;

/// <summary>
/// Observable instruments over the counters the runtime keeps anyway (read repair, read fanout, tenant cache, ring, key actors,
/// the edge's in-flight bound, hinted handoff, anti-entropy), read at each scrape; nothing is reported until the runtime has started. The process's own memory
/// (resident set, managed heap) is reported from the start.
/// </summary>
public sealed class RuntimeInstruments : IDisposable
{
    private readonly Meter _meter = new(CoordinatorInstruments.MeterName);
    private readonly Func<CoordinatorRuntime?> _runtime;

    public RuntimeInstruments(Func<CoordinatorRuntime?> runtime)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        _runtime = runtime;
        Counter("coordinator_repairs_triggered_total", "Read repairs of a replica started.", static r => r.Repairs.Triggered);
        Counter("coordinator_repairs_succeeded_total", "Read repairs a replica acknowledged.", static r => r.Repairs.Succeeded);
        Counter("coordinator_repairs_failed_total", "Read repairs a replica did not acknowledge.", static r => r.Repairs.Failed);
        Counter("coordinator_repairs_dropped_total", "Read repairs dropped because the repair queue was full.", static r => r.Repairs.Dropped);
        Counter("coordinator_reads_speculated_total", "Reads that asked a replica beyond their first R (one failed or was slower than reads.speculative_retry_ms).", static r => r.Reads.Speculated);
        Counter("coordinator_reads_full_total", "Reads sampled (reads.full_read_chance) to ask all N replicas at once.", static r => r.Reads.FullReads);
        Counter("coordinator_cache_hits_total", "Tenant lookups answered by the tenant cache.", static r => r.Edge.Tenants.Hits);
        Counter("coordinator_cache_misses_total", "Tenant lookups that read the metadata store.", static r => r.Edge.Tenants.Misses);
        Counter("coordinator_key_actors_passivated_total", "Key actors stopped after being idle or to hand their shard off.", static r => r.KeyActors.Stopped);
        Counter("coordinator_key_writers_from_last_stamp_total", "Key actors whose first write went out conditionally from the last stamp a stopped actor of the key left here.", static r => r.KeyActors.FromLastStamp);
        Counter("coordinator_key_writers_read_first_total", "Key actors with no last stamp of their key, whose first write read the key first.", static r => r.KeyActors.ReadFirst);
        Counter("coordinator_mailbox_overflows_total", "Writes refused because their key's queue (actors.mailbox_capacity) was full.", static r => r.KeyActors.QueueFull);
        Counter("coordinator_in_flight_refused_total", "Key requests refused because requests.max_in_flight were in flight.", static r => r.Edge.InFlight.Refused);
        Gauge("coordinator_key_actors_live", "Key actors alive on this coordinator now.", static r => r.KeyActors.Live);
        Gauge("coordinator_storage_nodes_active", "Storage nodes in the ring (status active) that the failure detector does not hold down.", ReachableNodes);
        Gauge("coordinator_storage_nodes_rebuilding", "Storage nodes being rebuilt after losing their data (their reads do not count towards R).", static r => r.Edge.Ring.Current.Rebuilding.Count);
        Counter("coordinator_hints_stored_total", "Hints written to this coordinator's durable queue for replicas that did not acknowledge a write that reached W.", static r => r.Hints.Stored);
        Counter("coordinator_hints_replayed_total", "Hints a returning storage node acknowledged through Repair (then deleted).", static r => r.Hints.Replayed);
        Counter("coordinator_hints_expired_total", "Hints deleted unreplayed because they outlived hints.window.", static r => r.Hints.Expired);
        Counter("coordinator_hints_dropped_total", "Hints not kept or thrown away: node down past hints.window, hints.max_bytes reached, a hint store failure, or the node left the ring.", static r => r.Hints.Dropped);
        _meter.CreateObservableGauge("coordinator_hints_pending", ObservePendingHints, unit: null, description: "Hints this coordinator holds for each storage node, waiting to be replayed.");
        _meter.CreateObservableCounter("coordinator_anti_entropy_ranges_total", ObserveRanges, unit: null, description: "Ranges anti-entropy compared, by result: synced, skipped (a replica down), failed (a storage call failed).");
        Counter("coordinator_anti_entropy_keys_read_total", "Keys anti-entropy read from replicas for digests and scans.", static r => r.AntiEntropy.KeysRead);
        Counter("coordinator_anti_entropy_keys_repaired_total", "Keys anti-entropy sent to replicas that lacked some of their versions.", static r => r.AntiEntropy.KeysRepaired);
        Counter("coordinator_anti_entropy_tombstones_collected_total", "Keys storage nodes deleted when anti-entropy told them to collect after a sync.", static r => r.AntiEntropy.TombstonesCollected);
        Counter("coordinator_anti_entropy_full_passes_total", "Anti-entropy passes that synced every range of the ring.", static r => r.AntiEntropy.FullPasses);
        ProcessGauge("process_resident_memory_bytes", "Resident memory of the coordinator process.", static () => Environment.WorkingSet);
        ProcessGauge("dotnet_gc_heap_bytes", "Managed heap size at the last garbage collection.", static () => GC.GetGCMemoryInfo().HeapSizeBytes);
        ProcessGauge("dotnet_gc_committed_bytes", "Memory the garbage collector has committed (heap plus its free space).", static () => GC.GetGCMemoryInfo().TotalCommittedBytes);
    }

    public void Dispose() => _meter.Dispose();

    /// <summary>Active nodes of the current ring snapshot minus those marked down.</summary>
    public static long ReachableNodes(CoordinatorRuntime runtime)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        var ring = runtime.Edge.Ring.Current;
        long reachable = 0;
        foreach (var node in ring.Nodes)
        {
            if (node.Status == StorageNodeStatus.Active && !ring.IsDown(node.NodeId))
            {
                reachable++;
            }
        }

        return reachable;
    }

    private void Counter(string name, string description, Func<CoordinatorRuntime, long> read) =>
        _meter.CreateObservableCounter(name, () => Observe(read), unit: null, description: description);

    private void Gauge(string name, string description, Func<CoordinatorRuntime, long> read) =>
        _meter.CreateObservableGauge(name, () => Observe(read), unit: null, description: description);

    private void ProcessGauge(string name, string description, Func<long> read) =>
        _meter.CreateObservableGauge(name, read, unit: null, description: description);

    /// <summary>One measurement per node with pending hints, labelled by node.</summary>
    private IEnumerable<Measurement<long>> ObservePendingHints()
    {
        if (_runtime() is not { } runtime)
        {
            return [];
        }

        var pending = runtime.Hints.Pending;
        var measurements = new Measurement<long>[pending.Count];
        for (var i = 0; i < pending.Count; i++)
        {
            measurements[i] = new Measurement<long>(pending[i].Count, new KeyValuePair<string, object?>("node", pending[i].NodeId));
        }

        return measurements;
    }

    /// <summary>Ranges compared, one measurement per result.</summary>
    private IEnumerable<Measurement<long>> ObserveRanges()
    {
        if (_runtime() is not { } runtime)
        {
            return [];
        }

        var counters = runtime.AntiEntropy;
        return
        [
            new Measurement<long>(counters.RangesSynced, new KeyValuePair<string, object?>("result", "synced")),
            new Measurement<long>(counters.RangesSkipped, new KeyValuePair<string, object?>("result", "skipped")),
            new Measurement<long>(counters.RangesFailed, new KeyValuePair<string, object?>("result", "failed")),
        ];
    }

    private IEnumerable<Measurement<long>> Observe(Func<CoordinatorRuntime, long> read) =>
        _runtime() is { } runtime ? [new Measurement<long>(read(runtime))] : [];
}
