using PairDb.Messages.Values;

namespace PairDb.Actors.Tests.Domain.Support;

/// <summary>
/// In-memory migrations with the store contract's rules: one active at a time, progress never decreases. Lease
/// attempts are logged, and a created migration can be held before its creator hears back.
/// </summary>
public sealed partial class FakeMetadataStore
{
    private readonly Dictionary<string, MigrationRecord> _migrations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, long>> _tasks = new(StringComparer.Ordinal);
    private readonly List<LeaseAttempt> _leaseAttempts = [];

    /// <summary>A created migration (already stored and visible) waits at this gate before its creator gets the answer.</summary>
    public Gate? CreationGate { get; set; }

    /// <summary>Lease takes and renewals <paramref name="owner"/> asked for, oldest first.</summary>
    public IReadOnlyList<LeaseAttempt> LeaseAttempts(string owner)
    {
        lock (_lock)
        {
            return [.. _leaseAttempts.Where(a => a.Owner == owner)];
        }
    }

    public async Task<bool> TryCreateMigrationAsync(MigrationRecord migration, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_migrations.ContainsKey(migration.Id) || (migration.IsActive && _migrations.Values.Any(m => m.IsActive)))
            {
                return false;
            }

            _migrations[migration.Id] = migration;
        }

        if (CreationGate is { } gate)
        {
            await gate.PassAsync(cancellationToken);
        }

        return true;
    }

    public Task<MigrationRecord?> GetMigrationAsync(string migrationId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_migrations.GetValueOrDefault(migrationId));
        }
    }

    public Task<IReadOnlyList<MigrationRecord>> ListMigrationsAsync(bool activeOnly, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<MigrationRecord>>(
                [.. _migrations.Values.Where(m => !activeOnly || m.IsActive).OrderByDescending(m => m.StartedAt)]);
        }
    }

    public Task UpdateMigrationAsync(MigrationRecord migration, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_migrations.TryGetValue(migration.Id, out var stored))
            {
                _migrations[migration.Id] = migration with
                {
                    KeysMigrated = Math.Max(stored.KeysMigrated, migration.KeysMigrated), Owner = stored.Owner, LeaseUntil = stored.LeaseUntil,
                };
            }

            return Task.CompletedTask;
        }
    }

    public Task<bool> TryLeaseMigrationAsync(string migrationId, string owner, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var granted = _migrations.TryGetValue(migrationId, out var m) && m.IsActive
                && (m.Owner is null || m.Owner == owner || m.LeaseUntil is not { } lease || lease < now);
            _leaseAttempts.Add(new LeaseAttempt(migrationId, owner, now, granted));
            if (granted)
            {
                _migrations[migrationId] = m! with { Owner = owner, LeaseUntil = until };
            }

            return Task.FromResult(granted);
        }
    }

    public Task<IReadOnlyDictionary<string, long>> CompletedTasksAsync(string migrationId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyDictionary<string, long>>(
                _tasks.TryGetValue(migrationId, out var tasks) ? new Dictionary<string, long>(tasks) : new Dictionary<string, long>());
        }
    }

    public Task CompleteTaskAsync(string migrationId, string taskId, long keysCopied, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_tasks.TryGetValue(migrationId, out var tasks))
            {
                _tasks[migrationId] = tasks = new Dictionary<string, long>(StringComparer.Ordinal);
            }

            tasks.TryAdd(taskId, keysCopied);
            return Task.CompletedTask;
        }
    }
}
