using PairDb.Coordinator.Stores;
using PairDb.Messages.Values;
using PairDb.Protocol.Coordinator;

namespace PairDb.Coordinator.Edge;

/// <summary>A migration record as GetMigrationStatus answers it, with progress and an estimate from the copy rate so far.</summary>
public static class MigrationStatusMapping
{
    public static GetMigrationStatusResponse ToProto(MigrationRecord migration, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(migration);
        var total = Math.Max(migration.TotalKeys, migration.KeysMigrated);
        var done = migration.Status == MigrationStatus.Completed;
        var percentage = done ? 100f : total == 0 ? 0f : (float)Math.Min(99.9, 100.0 * migration.KeysMigrated / total);
        return new GetMigrationStatusResponse
        {
            Success = true,
            MigrationId = migration.Id,
            Type = MigrationNames.ToName(migration.Type),
            NodeId = migration.Type == MigrationType.ReplicationFactor ? migration.TenantId : migration.NodeId,
            Status = MigrationNames.ToName(migration.Status),
            Progress = new MigrationProgress { KeysMigrated = migration.KeysMigrated, TotalKeys = total, Percentage = percentage },
            StartedAt = migration.StartedAt.ToUnixTimeSeconds(),
            EstimatedCompletion = Estimate(migration, total, now),
            Phase = MigrationNames.ToName(migration.Phase),
            FailureReason = migration.Error ?? string.Empty,
            FinishedAt = migration.FinishedAt is { } finished ? finished.ToUnixTimeSeconds() : 0,
            Owner = migration.Owner ?? string.Empty,
        };
    }

    /// <summary>Unix seconds when streaming should end at the rate seen so far; 0 when unknown or not streaming.</summary>
    private static long Estimate(MigrationRecord migration, long total, DateTimeOffset now)
    {
        if (migration.FinishedAt is { } finished)
        {
            return finished.ToUnixTimeSeconds();
        }

        var elapsed = (now - migration.StartedAt).TotalSeconds;
        if (migration.Phase != MigrationPhase.Streaming || migration.KeysMigrated == 0 || elapsed <= 0)
        {
            return 0;
        }

        var rate = migration.KeysMigrated / elapsed;
        return now.AddSeconds((total - migration.KeysMigrated) / rate).ToUnixTimeSeconds();
    }
}
