using System.Diagnostics.Metrics;
using Grpc.Core;
using PairDb.Messages.Proto;

namespace PairDb.Coordinator.Observability;

/// <summary>
/// The coordinator's event-driven instruments, on a process-wide meter named <see cref="MeterName"/> (static, as a
/// library's meter usually is: the counts are the process's). Tag values are strings the callers already hold, so
/// recording allocates nothing.
/// </summary>
public static class CoordinatorInstruments
{
    /// <summary>Name of the coordinator's meters (this one and <see cref="RuntimeInstruments"/>).</summary>
    public const string MeterName = "PairDb.Coordinator";

    /// <summary>The operation label of key writes, deletes and reads.</summary>
    public const string WriteOperation = "write";

    /// <inheritdoc cref="WriteOperation"/>
    public const string DeleteOperation = "delete";

    /// <inheritdoc cref="WriteOperation"/>
    public const string ReadOperation = "read";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> QuorumFailures = Meter.CreateCounter<long>(
        "coordinator_quorum_failures_total", description: "Key requests that failed because too few replicas answered (UNAVAILABLE), by operation.");

    private static readonly Counter<long> Conflicts = Meter.CreateCounter<long>(
        "coordinator_conflicts_detected_total", description: "Reads whose replicas held concurrent versions (more than one sibling).");

    private static readonly Counter<long> ReplicaWrites = Meter.CreateCounter<long>(
        "coordinator_replica_writes_total", description: "Write calls to storage replicas, by node and result (ok or error).");

    private static readonly Counter<long> ReplicaReads = Meter.CreateCounter<long>(
        "coordinator_replica_reads_total", description: "Read calls to storage replicas, by node and result (found, not_found or error).");

    private static readonly Counter<long> OwnedWrites = Meter.CreateCounter<long>(
        "coordinator_key_writes_total", description: "Writes and deletes applied, by where the key's actor ran: local (this coordinator) or forwarded (another one).");

    private static readonly Counter<long> BatchItems = Meter.CreateCounter<long>(
        "coordinator_batch_items_total", description: "Items of batch calls answered, by method (BatchRead, BatchWrite) and the item's status code.");

    private static readonly Counter<long> RateLimitRefusals = Meter.CreateCounter<long>(
        "coordinator_rate_limited_total",
        description: "Calls refused RESOURCE_EXHAUSTED by a tenant's rate limit on this coordinator, by tenant (the first rate_limits.metric_tenants tenants refused; later ones as :other) and limit (requests or bytes).");

    /// <summary>The method label of a BatchRead's items.</summary>
    public const string BatchReadMethod = "BatchRead";

    /// <summary>The method label of a BatchWrite's items.</summary>
    public const string BatchWriteMethod = "BatchWrite";

    /// <summary>Calls answered by the gRPC edge, by method and status code.</summary>
    internal static Counter<long> Requests { get; } = Meter.CreateCounter<long>(
        "coordinator_requests_total", description: "Calls answered by the coordinator's gRPC edge, by method and status code.");

    /// <summary>Time from a call reaching its method until its status was sent, by method.</summary>
    internal static Histogram<double> RequestDuration { get; } = Meter.CreateHistogram(
        "coordinator_request_duration_seconds",
        unit: "s",
        description: "Time from a call reaching its method until its status was sent, by method.",
        tags: null,
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });

    /// <summary>Counts a key request that failed for want of a quorum.</summary>
    public static void QuorumFailed(string operation) =>
        QuorumFailures.Add(1, new KeyValuePair<string, object?>("operation", operation));

    /// <summary>Counts an applied write by whether its key's actor ran on this coordinator.</summary>
    public static void KeyWrite(bool forwarded) =>
        OwnedWrites.Add(1, new KeyValuePair<string, object?>("owner", forwarded ? "forwarded" : "local"));

    /// <summary>Counts one answered item of a batch call by its status code.</summary>
    public static void BatchItem(string method, StatusCode code) =>
        BatchItems.Add(1, new KeyValuePair<string, object?>("method", method), new KeyValuePair<string, object?>("code", StatusCodeNames.Of(code)));

    /// <summary>Counts one call refused by a tenant's rate limit.</summary>
    public static void RateLimited(string tenantLabel, string limit) =>
        RateLimitRefusals.Add(1, new KeyValuePair<string, object?>("tenant", tenantLabel), new KeyValuePair<string, object?>("limit", limit));

    /// <summary>Counts a read that found concurrent versions.</summary>
    public static void ConflictDetected() => Conflicts.Add(1);

    /// <summary>Counts one replica write call; <paramref name="ok"/> false for any failure (status, transport, deadline).</summary>
    public static void ReplicaWrite(string nodeId, bool ok) =>
        ReplicaWrites.Add(1, new KeyValuePair<string, object?>("node", nodeId), new KeyValuePair<string, object?>("result", ok ? "ok" : "error"));

    /// <summary>Counts one replica read call: found, not_found, or error.</summary>
    public static void ReplicaRead(string nodeId, bool ok, bool found) =>
        ReplicaReads.Add(1, new KeyValuePair<string, object?>("node", nodeId), new KeyValuePair<string, object?>("result", !ok ? "error" : found ? "found" : "not_found"));
}
