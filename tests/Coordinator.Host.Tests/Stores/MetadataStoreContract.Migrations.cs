using FluentAssertions;
using PairDb.Messages.Values;

namespace PairDb.Coordinator.Tests.Stores;

/// <summary>The migration records every metadata store keeps.</summary>
public abstract partial class MetadataStoreContract
{
    private static MigrationRecord NewMigration(string id, MigrationType type = MigrationType.AddNode) => new(
        id, type, "node-4", string.Empty, 0, 0, MigrationStatus.InProgress, MigrationPhase.Settling, 0, 0, T0, T0, null, null, null, null);

    [Fact]
    public async Task TryCreateMigrationAsync_New_IsReadBackAsWritten()
    {
        var store = await OpenAsync();
        var migration = NewMigration("m1") with { TenantId = "acme", PreviousReplicationFactor = 2, ReplicationFactor = 3, Type = MigrationType.ReplicationFactor };

        var created = await store.TryCreateMigrationAsync(migration, CancellationToken.None);

        created.Should().BeTrue();
        (await store.GetMigrationAsync("m1", CancellationToken.None)).Should().Be(migration);
    }

    [Fact]
    public async Task TryCreateMigrationAsync_AnotherActive_IsRefusedUntilItFinishes()
    {
        var store = await OpenAsync();
        var first = NewMigration("m1");
        await store.TryCreateMigrationAsync(first, CancellationToken.None);

        var refused = await store.TryCreateMigrationAsync(NewMigration("m2"), CancellationToken.None);
        await store.UpdateMigrationAsync(first with { Status = MigrationStatus.Completed, Phase = MigrationPhase.Done, FinishedAt = T0.AddMinutes(1) }, CancellationToken.None);
        var accepted = await store.TryCreateMigrationAsync(NewMigration("m3") with { StartedAt = T0.AddMinutes(2) }, CancellationToken.None);

        refused.Should().BeFalse();
        accepted.Should().BeTrue();
        (await store.ListMigrationsAsync(activeOnly: true, CancellationToken.None)).Select(m => m.Id).Should().Equal("m3");
        (await store.ListMigrationsAsync(activeOnly: false, CancellationToken.None)).Select(m => m.Id).Should().Equal("m3", "m1");
    }

    [Fact]
    public async Task UpdateMigrationAsync_LowerProgress_KeepsTheHigherCount()
    {
        var store = await OpenAsync();
        var migration = NewMigration("m1");
        await store.TryCreateMigrationAsync(migration, CancellationToken.None);

        await store.UpdateMigrationAsync(migration with { KeysMigrated = 500, TotalKeys = 1000, Phase = MigrationPhase.Streaming }, CancellationToken.None);
        await store.UpdateMigrationAsync(migration with { KeysMigrated = 20, TotalKeys = 1000, Phase = MigrationPhase.Streaming, Error = "retrying" }, CancellationToken.None);

        var read = await store.GetMigrationAsync("m1", CancellationToken.None);
        read!.KeysMigrated.Should().Be(500);
        read.Error.Should().Be("retrying");
        read.Phase.Should().Be(MigrationPhase.Streaming);
    }

    [Fact]
    public async Task UpdateMigrationAsync_NewOwner_IsReadBack()
    {
        var store = await OpenAsync();
        var migration = NewMigration("m1") with { Owner = "coord-a" };
        await store.TryCreateMigrationAsync(migration, CancellationToken.None);

        await store.UpdateMigrationAsync(migration with { Owner = "coord-b", Phase = MigrationPhase.Streaming }, CancellationToken.None);

        (await store.GetMigrationAsync("m1", CancellationToken.None))!.Owner.Should().Be("coord-b");
    }

    [Fact]
    public async Task Migrations_AfterReopen_AreStillThere()
    {
        var store = await OpenAsync();
        await store.TryCreateMigrationAsync(NewMigration("m1"), CancellationToken.None);

        var reopened = await OpenAsync();

        (await reopened.GetMigrationAsync("m1", CancellationToken.None)).Should().Be(NewMigration("m1"));
    }
}
