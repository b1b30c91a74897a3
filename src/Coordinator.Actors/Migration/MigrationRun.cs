using System.Collections.Concurrent;
using PairDb.Actors.Cores;
using PairDb.Actors.Ports;
using PairDb.Messages.Values;

namespace PairDb.Actors.Migration;

/// <summary>
/// Runs one migration from its persisted phase to the end: settle, stream every range to its new replicas
/// (each finished task recorded through the runner's journal and skipped when resumed, retried, repeated while
/// writes to new replicas failed meanwhile), switch the ring or
/// the factor, wait out the grace period and purge what former owners no longer own. Any failure before the
/// switch reverts the membership change, so the previous ring stays in force and nothing is lost, and then purges
/// the copies it made to targets that keep serving.
/// </summary>
internal sealed class MigrationRun
{
    private readonly MigrationServices _services;
    private readonly MigrationSettings _settings;
    private readonly RangeCopier _copier;
    private readonly ConcurrentDictionary<string, long> _completed;
    private readonly Func<string, long, CancellationToken, Task> _recordTask;
    private MigrationRecord _record;
    private long _copied;
    private DateTimeOffset _lastFlush;

    /// <summary>
    /// Runs <paramref name="record"/>, skipping the <paramref name="completed"/> tasks (id to keys moved) and handing
    /// each task it finishes to <paramref name="recordTask"/>, which returns once the task is durably recorded.
    /// </summary>
    public MigrationRun(
        MigrationRecord record,
        IReadOnlyDictionary<string, long> completed,
        Func<string, long, CancellationToken, Task> recordTask,
        MigrationServices services,
        MigrationSettings settings)
    {
        _record = record;
        _completed = new ConcurrentDictionary<string, long>(completed, StringComparer.Ordinal);
        _recordTask = recordTask;
        _services = services;
        _settings = settings;
        _copier = new RangeCopier(services, settings);
    }

    private DateTimeOffset Now => MigrationBegin.Truncate(_services.Time.GetUtcNow());

    /// <summary>Runs to the end; true when the migration completed, false when it failed (and was reverted).</summary>
    public async Task<bool> RunAsync(CancellationToken cancellationToken)
    {
        // Which coordinator runs it, for operators: the singleton's, wherever it is now.
        await SaveAsync(_record with { Owner = _services.Owner });
        try
        {
            using var timeout = new CancellationTokenSource(RemainingTime(), _services.Time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            try
            {
                if (_record.Phase == MigrationPhase.Settling)
                {
                    await Task.Delay(_settings.SettleDelay, _services.Time, linked.Token);
                    await SaveAsync(_record with { Phase = MigrationPhase.Streaming });
                }

                if (_record.Phase == MigrationPhase.Streaming)
                {
                    await StreamAsync(linked.Token);
                    await SaveAsync(_record with { Phase = MigrationPhase.Switching });
                }
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new MigrationFailedException($"The migration did not reach its switch within {_settings.Timeout}.");
            }
        }
        catch (Exception ex) when (ex is MigrationFailedException or RangeCallException or InvalidOperationException)
        {
            await FailAsync(ex.Message, cancellationToken);
            return false;
        }

        if (_record.Phase == MigrationPhase.Switching)
        {
            await SwitchAsync(cancellationToken);
            await SaveAsync(_record with { Phase = MigrationPhase.Cleanup, SwitchedAt = Now });
        }

        var cleanupError = await CleanupAsync(cancellationToken);
        await SaveAsync(_record with
        {
            Status = MigrationStatus.Completed, Phase = MigrationPhase.Done, FinishedAt = Now, Error = cleanupError,
            KeysMigrated = Math.Max(_record.KeysMigrated, _copied), TotalKeys = Math.Max(_record.TotalKeys, Math.Max(_record.KeysMigrated, _copied)),
        });
        return true;
    }

    private TimeSpan RemainingTime()
    {
        var left = _record.StartedAt + _settings.Timeout - _services.Time.GetUtcNow();
        return left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1);
    }

    private async Task StreamAsync(CancellationToken cancellationToken)
    {
        var (plan, nodes) = await PlanAsync(cancellationToken);
        var pending = new List<RangeTransfer>();
        foreach (var transfer in plan.Transfers)
        {
            if (_completed.TryGetValue(transfer.Id, out var keys))
            {
                _copied += keys;
            }
            else
            {
                pending.Add(transfer);
            }
        }

        long total = _copied;
        foreach (var transfer in pending)
        {
            total += await WithRetriesAsync(() => _copier.CountAsync(transfer, nodes, cancellationToken), cancellationToken);
        }

        await SaveAsync(_record with { TotalKeys = total, KeysMigrated = _copied });
        for (var pass = 1; ; pass++)
        {
            var failuresBefore = _services.PendingWrites.Failures;
            await Parallel.ForEachAsync(
                pending,
                new ParallelOptions { MaxDegreeOfParallelism = _settings.ParallelTransfers, CancellationToken = cancellationToken },
                async (transfer, token) =>
                {
                    var keys = await WithRetriesAsync(() => _copier.CopyAsync(transfer, nodes, pass == 1 ? CountCopied : static _ => { }, token), token);
                    await RecordAsync(transfer.Id, keys, token);
                    await FlushProgressAsync(token);
                });
            if (_services.PendingWrites.Failures == failuresBefore)
            {
                return;
            }

            if (pass == _settings.MaxPasses)
            {
                throw new MigrationFailedException($"Writes to the new replicas kept failing during {pass} streaming passes.");
            }

            // A write that missed a new replica during this pass may concern any key: copy every range again.
            pending = [.. plan.Transfers];
        }
    }

    /// <summary>Records a finished task once: a later streaming pass copies it again but does not record it again.</summary>
    private Task RecordAsync(string taskId, long keys, CancellationToken cancellationToken) =>
        _completed.TryAdd(taskId, keys) ? _recordTask(taskId, keys, cancellationToken) : Task.CompletedTask;

    private void CountCopied(long keys) => Interlocked.Add(ref _copied, keys);

    private async Task FlushProgressAsync(CancellationToken cancellationToken)
    {
        var now = _services.Time.GetUtcNow();
        if (now - _lastFlush < TimeSpan.FromSeconds(1))
        {
            return;
        }

        _lastFlush = now;
        var copied = Interlocked.Read(ref _copied);
        await _services.Metadata.UpdateMigrationAsync(
            _record with { KeysMigrated = copied, TotalKeys = Math.Max(_record.TotalKeys, copied), UpdatedAt = Now }, cancellationToken);
    }

    private async Task SwitchAsync(CancellationToken cancellationToken)
    {
        var metadata = _services.Metadata;
        switch (_record.Type)
        {
            case MigrationType.AddNode:
                await SetNodeStatusAsync(StorageNodeStatus.Active, cancellationToken);
                break;
            case MigrationType.RemoveNode:
                await SetNodeStatusAsync(StorageNodeStatus.Removed, cancellationToken);
                break;
            default:
                await metadata.UpdateReplicationFactorAsync(_record.TenantId, _record.ReplicationFactor, null, Now, cancellationToken);
                break;
        }

        await _services.RefreshRingAsync();
    }

    /// <summary>Purges ranges from former owners after the grace period; returns what could not be purged, if anything.</summary>
    private async Task<string?> CleanupAsync(CancellationToken cancellationToken)
    {
        var switchedAt = _record.SwitchedAt ?? Now;
        var wait = switchedAt + _settings.CleanupGrace - _services.Time.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, _services.Time, cancellationToken);
        }

        var (plan, nodes) = await PlanAsync(cancellationToken);
        var (failed, lastError) = await PurgeAsync(
            plan.Cleanups.Where(cleanup => !_completed.ContainsKey(cleanup.Id)),
            nodes,
            (cleanup, removed) => RecordAsync(cleanup.Id, removed, cancellationToken),
            cancellationToken);
        return failed == 0 ? null : $"Cleanup left {failed} ranges on former owners (they hold data they no longer own): {lastError}";
    }

    /// <summary>
    /// Purges each range from its node, with retries, skipping nodes that are gone or removed (a removed node is
    /// decommissioned with its disk; nothing reads from it any more); counts the ranges that could not be purged.
    /// </summary>
    private async Task<(int Failed, string? LastError)> PurgeAsync(
        IEnumerable<RangeCleanup> ranges, Dictionary<string, StorageNode> nodes, Func<RangeCleanup, long, Task>? onPurged, CancellationToken cancellationToken)
    {
        var failed = 0;
        string? lastError = null;
        foreach (var range in ranges)
        {
            if (!nodes.TryGetValue(range.Node, out var node) || node.Status == StorageNodeStatus.Removed)
            {
                continue;
            }

            try
            {
                var removed = await WithRetriesAsync(() => _copier.PurgeAsync(range, nodes, cancellationToken), cancellationToken);
                if (onPurged is not null)
                {
                    await onPurged(range, removed);
                }
            }
            catch (RangeCallException ex)
            {
                failed++;
                lastError = ex.Message;
            }
        }

        return (failed, lastError);
    }

    private async Task FailAsync(string reason, CancellationToken cancellationToken)
    {
        // Undo the membership step so the previous ring stays in force.
        switch (_record.Type)
        {
            case MigrationType.AddNode:
                await SetNodeStatusAsync(StorageNodeStatus.Removed, CancellationToken.None);
                break;
            case MigrationType.RemoveNode:
                await SetNodeStatusAsync(StorageNodeStatus.Active, CancellationToken.None);
                break;
        }

        await _services.RefreshRingAsync();

        // Purged while the migration still holds the one migration slot, so a retry cannot start copying to the same
        // targets meanwhile. A coordinator that stops or dies here leaves the record in progress: the migration is
        // resumed, that is, tried again, and a failure then purges again.
        var purgeError = await PurgeAbandonedCopiesAsync(cancellationToken);

        // The ring is back before the failure is visible: whoever sees "failed" sees the previous ring in force.
        await SaveAsync(_record with
        {
            Status = MigrationStatus.Failed, Phase = MigrationPhase.Done, FinishedAt = Now,
            Error = purgeError is null ? reason : reason + " " + purgeError, KeysMigrated = Math.Max(_record.KeysMigrated, _copied),
        });
    }

    /// <summary>
    /// Removes what the failed migration copied to targets that keep serving (an added node that failed is removed,
    /// with its disk): under the restored ring they do not own those ranges, and a stale copy there could bring back a
    /// key deleted later, once its tombstones are collected, if the node ever became its replica again. The plan does
    /// not depend on the changed node's status, so it names the same targets the streaming used. Waits out the grace
    /// period first, as the cleanup of a completed migration does, so writes sent before the revert have landed.
    /// Returns what could not be purged, if anything.
    /// </summary>
    private async Task<string?> PurgeAbandonedCopiesAsync(CancellationToken cancellationToken)
    {
        if (_settings.CleanupGrace > TimeSpan.Zero)
        {
            await Task.Delay(_settings.CleanupGrace, _services.Time, cancellationToken);
        }

        MigrationPlan plan;
        Dictionary<string, StorageNode> nodes;
        try
        {
            (plan, nodes) = await PlanAsync(cancellationToken);
        }
        catch (InvalidOperationException ex)
        {
            return "The copies made so far could not be listed, so they were not purged: " + ex.Message;
        }

        var copies = plan.Transfers.Select(transfer => new RangeCleanup(transfer.TenantId, transfer.Start, transfer.End, transfer.Target));
        var (failed, lastError) = await PurgeAsync(copies, nodes, onPurged: null, cancellationToken);
        return failed == 0 ? null : $"Purging the copies made so far left {failed} ranges on nodes that do not own them: {lastError}";
    }

    private async Task SetNodeStatusAsync(StorageNodeStatus status, CancellationToken cancellationToken)
    {
        foreach (var node in await _services.Metadata.ListStorageNodesAsync(cancellationToken))
        {
            if (string.Equals(node.NodeId, _record.NodeId, StringComparison.Ordinal))
            {
                await _services.Metadata.UpdateStorageNodeAsync(node with { Status = status }, cancellationToken);
            }
        }
    }

    private async Task<(MigrationPlan Plan, Dictionary<string, StorageNode> Nodes)> PlanAsync(CancellationToken cancellationToken)
    {
        var nodes = await _services.Metadata.ListStorageNodesAsync(cancellationToken);
        var tenants = await _services.Metadata.ListTenantsAsync(cancellationToken);
        var byId = new Dictionary<string, StorageNode>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            byId[node.NodeId] = node;
        }

        return (MigrationPlacement.Plan(_record, nodes, tenants), byId);
    }

    private async Task<T> WithRetriesAsync<T>(Func<Task<T>> step, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await step();
            }
            catch (RangeCallException) when (attempt < _settings.MaxAttempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250 * attempt), _services.Time, cancellationToken);
            }
        }
    }

    private async Task SaveAsync(MigrationRecord record)
    {
        _record = record with { UpdatedAt = Now };
        await _services.Metadata.UpdateMigrationAsync(_record, CancellationToken.None);
    }
}
