using Akka.Actor;
using PairDb.Actors.Cores;
using PairDb.Actors.Ports;
using PairDb.Actors.Ring;

namespace PairDb.Actors.AntiEntropy;

/// <summary>
/// One step of anti-entropy at a time, for <see cref="AntiEntropyActor"/>: plans the pass from the current ring and
/// tenants (<see cref="RepairWorkPlanner"/>), syncs the next due range (<see cref="RepairProgress"/>,
/// <see cref="RangeSync"/>), records it in the metadata store, and says how long to wait before the next step: the
/// time reading its keys takes at the configured rate, or, with nothing due, until the next pass or recheck. A
/// rebuilding node whose every range has synced since it was found rebuilding (judged on this scheduler's clock,
/// <see cref="RebuildingSeen"/>) is reported refilled to the ring actor, which clears its mark. Progress is
/// loaded from the store on the first step, so a scheduler that moved to another coordinator resumes the pass.
/// </summary>
internal sealed class RepairScheduler
{
    private readonly AntiEntropyServices _services;
    private readonly AntiEntropySettings _settings;
    private readonly RangeSync _sync;
    private readonly RebuildingSeen _rebuildingSeen = new();
    private RepairProgress? _progress;
    private RepairPassRecord? _pass;

    public RepairScheduler(AntiEntropyServices services, AntiEntropySettings settings)
    {
        _services = services;
        _settings = settings;
        _sync = new RangeSync(services, settings);
    }

    /// <summary>Runs one step; returns the wait before the next.</summary>
    public async Task<TimeSpan> StepAsync(CancellationToken cancellationToken)
    {
        var store = _services.Metadata;
        if (_progress is null)
        {
            _pass = await store.GetRepairPassAsync(cancellationToken);
            _progress = new RepairProgress(await store.ListRepairRangesAsync(cancellationToken));
        }

        var ring = _services.Ring();
        if (ring.PendingRing is not null || ring.PendingFactors.Count > 0)
        {
            // A membership or replication-factor change moves ranges: wait until it has switched the ring.
            return _settings.RecheckInterval;
        }

        var plan = RepairWorkPlanner.Plan(ring.Ring, await store.ListTenantsAsync(cancellationToken));
        var now = Microseconds(_services.Time.GetUtcNow());
        if (_pass is null)
        {
            await StartPassAsync(1, plan, now, null, null, cancellationToken);
        }

        var rebuilding = _rebuildingSeen.Observe(ring.Rebuilding, now);
        foreach (var (node, _) in _progress.Refilled(plan, rebuilding))
        {
            // Every range of the node synced since it was found rebuilding: its reads count again. The ring actor
            // clears the mark only if it is still the one named.
            await _services.RingActor.Ask<RingSnapshot>(new NodeRefilled(node, ring.Rebuilding[node]), _settings.CallTimeout, cancellationToken);
        }

        var next = _progress.Next(plan, _pass!.StartedAt, rebuilding, now, _settings.RecheckInterval);
        if (next is null)
        {
            if (!_pass.IsComplete && _progress.AllSyncedSince(plan, _pass.StartedAt))
            {
                _pass = _pass with { LastFullStartedAt = _pass.StartedAt, LastFullCompletedAt = now };
                await store.SaveRepairPassAsync(_pass, cancellationToken);
                _services.Counters.CountFullPass();
            }

            var due = _pass.StartedAt + _settings.Interval;
            if (now < due)
            {
                return Min(due - now, _settings.RecheckInterval);
            }

            await StartPassAsync(_pass.Number + 1, plan, now, _pass.LastFullStartedAt, _pass.LastFullCompletedAt, cancellationToken);
            return TimeSpan.Zero;
        }

        var outcome = await _sync.RunAsync(next, ring, now, cancellationToken);
        var previous = _progress.Find(next);
        var record = new RepairRangeRecord(
            next.Key,
            next.Replicas,
            outcome.Status == RangeSyncStatus.Synced ? now : previous?.SyncedAt,
            now,
            outcome.KeysRead,
            outcome.KeysRepaired,
            outcome.TombstonesCollected,
            outcome.Error);
        _progress.Record(record);
        await store.SaveRepairRangeAsync(record, cancellationToken);
        _services.Counters.Count(outcome);
        return TimeSpan.FromSeconds((double)outcome.KeysRead / _settings.KeysPerSecond);
    }

    private async Task StartPassAsync(long number, IReadOnlyList<RepairWorkItem> plan, DateTimeOffset now, DateTimeOffset? lastFullStartedAt, DateTimeOffset? lastFullCompletedAt, CancellationToken cancellationToken)
    {
        _pass = new RepairPassRecord(number, now, lastFullStartedAt, lastFullCompletedAt);
        await _services.Metadata.SaveRepairPassAsync(_pass, cancellationToken);
        _progress!.Prune(plan);
        await _services.Metadata.PruneRepairRangesAsync(plan.Select(i => i.Key).ToList(), cancellationToken);
    }

    /// <summary>The instant to the microsecond, as the metadata stores keep it, so what is compared in memory is what a restarted scheduler reads back.</summary>
    private static DateTimeOffset Microseconds(DateTimeOffset instant) =>
        new(instant.UtcTicks - (instant.UtcTicks % TimeSpan.TicksPerMicrosecond), TimeSpan.Zero);

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
