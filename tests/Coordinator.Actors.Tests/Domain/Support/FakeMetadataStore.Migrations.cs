using PairDb.Messages.Values;

namespace PairDb.Actors.Tests.Domain.Support;

/// <summary>
/// In-memory migrations with the store contract's rules: one active at a time, progress never decreases. A created
/// migration can be held before its creator hears back.
/// </summary>
public sealed partial class FakeMetadataStore
{
    private readonly Dictionary<string, MigrationRecord> _migrations = new(StringComparer.Ordinal);

    /// <summary>A created migration (already stored and visible) waits at this gate before its creator gets the answer.</summary>
    public Gate? CreationGate { get; set; }

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
                    KeysMigrated = Math.Max(stored.KeysMigrated, migration.KeysMigrated),
                };
            }

            return Task.CompletedTask;
        }
    }
}
