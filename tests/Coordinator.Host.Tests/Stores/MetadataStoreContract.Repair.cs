using FluentAssertions;
using FluentAssertions.Equivalency;
using PairDb.Actors.Ports;

namespace PairDb.Coordinator.Tests.Stores;

/// <summary>Anti-entropy progress (<see cref="IRepairStore"/>): the one pass row, range records keyed by factor and arc, pruning.</summary>
public abstract partial class MetadataStoreContract
{
    // Positions at and above 2^63 are stored as negative two's-complement BIGINTs and must come back unchanged.
    private static readonly RepairRangeKey HighKey = new(3, 0x8000_0000_0000_0000, ulong.MaxValue);
    private static readonly RepairRangeKey WrapKey = new(3, ulong.MaxValue - 1, 5);
    private static readonly RepairRangeKey LowKey = new(2, 0, 0x7FFF_FFFF_FFFF_FFFF);

    private static EquivalencyAssertionOptions<RepairRangeRecord> ByMembers(EquivalencyAssertionOptions<RepairRangeRecord> options) =>
        options.ComparingByMembers<RepairRangeRecord>();

    private static RepairRangeRecord NewRange(RepairRangeKey key) => new(
        key, ["storage-1", "storage-2", "storage-3"], T0.AddSeconds(10), T0.AddSeconds(10), 5000, 12, 3, null);

    [Fact]
    public async Task GetRepairPassAsync_NoPassYet_ReturnsNull()
    {
        var store = await OpenAsync();

        var pass = await store.GetRepairPassAsync(CancellationToken.None);

        pass.Should().BeNull();
    }

    [Fact]
    public async Task SaveRepairPassAsync_NoFullPassYet_ReadsBackWithNulls()
    {
        var store = await OpenAsync();
        var pass = new RepairPassRecord(1, T0, null, null);

        await store.SaveRepairPassAsync(pass, CancellationToken.None);

        (await store.GetRepairPassAsync(CancellationToken.None)).Should().Be(pass);
    }

    [Fact]
    public async Task SaveRepairPassAsync_Again_ReplacesTheOnePass()
    {
        var store = await OpenAsync();
        await store.SaveRepairPassAsync(new RepairPassRecord(1, T0, null, null), CancellationToken.None);
        var next = new RepairPassRecord(2, T0.AddMinutes(10).AddTicks(1230), T0, T0.AddMinutes(9));

        await store.SaveRepairPassAsync(next, CancellationToken.None);

        var read = await store.GetRepairPassAsync(CancellationToken.None);
        read.Should().Be(next);
        read!.IsComplete.Should().BeFalse();
    }

    [Fact]
    public async Task SaveRepairPassAsync_EarlierNumberThanTheOneHeld_LeavesTheHeldPass()
    {
        var store = await OpenAsync();
        var held = new RepairPassRecord(5, T0.AddMinutes(50), T0, T0.AddMinutes(40));
        await store.SaveRepairPassAsync(held, CancellationToken.None);

        await store.SaveRepairPassAsync(new RepairPassRecord(4, T0.AddMinutes(40), T0, T0.AddMinutes(39)), CancellationToken.None);

        (await store.GetRepairPassAsync(CancellationToken.None)).Should().Be(held);
    }

    [Fact]
    public async Task ListRepairRangesAsync_NoneSaved_ReturnsEmpty()
    {
        var store = await OpenAsync();

        var ranges = await store.ListRepairRangesAsync(CancellationToken.None);

        ranges.Should().BeEmpty();
    }

    [Fact]
    public async Task SaveRepairRangeAsync_NeverSyncedAndFailed_ReadsBackEveryFieldWithNulls()
    {
        var store = await OpenAsync();
        var range = new RepairRangeRecord(LowKey, ["storage-4", "storage-1"], null, T0.AddSeconds(30), 7, 0, 0, "storage-4 unavailable");

        await store.SaveRepairRangeAsync(range, CancellationToken.None);

        var read = (await store.ListRepairRangesAsync(CancellationToken.None)).Should().ContainSingle().Subject;
        read.Should().BeEquivalentTo(range, ByMembers);
        read.Replicas.Should().Equal("storage-4", "storage-1");
        read.SyncedAt.Should().BeNull();
    }

    [Fact]
    public async Task SaveRepairRangeAsync_SameKey_ReplacesTheRecord()
    {
        var store = await OpenAsync();
        await store.SaveRepairRangeAsync(NewRange(HighKey) with { LastError = "timed out", SyncedAt = null }, CancellationToken.None);
        var replaced = new RepairRangeRecord(HighKey, ["storage-2", "storage-5"], T0.AddMinutes(5), T0.AddMinutes(5), 9000, 40, 2, null);

        await store.SaveRepairRangeAsync(replaced, CancellationToken.None);

        var read = (await store.ListRepairRangesAsync(CancellationToken.None)).Should().ContainSingle().Subject;
        read.Should().BeEquivalentTo(replaced, ByMembers);
        read.LastError.Should().BeNull();
    }

    [Fact]
    public async Task SaveRepairRangeAsync_PositionsAbove2To63_RoundTripAsDistinctKeys()
    {
        var store = await OpenAsync();
        var sameArcOtherFactor = HighKey with { ReplicationFactor = 2 };
        var keys = new[] { HighKey, WrapKey, LowKey, sameArcOtherFactor };

        foreach (var key in keys)
        {
            await store.SaveRepairRangeAsync(NewRange(key), CancellationToken.None);
        }

        var read = await store.ListRepairRangesAsync(CancellationToken.None);
        read.Select(r => r.Key).Should().BeEquivalentTo(keys);
        read.Single(r => r.Key == HighKey).Should().BeEquivalentTo(NewRange(HighKey), ByMembers);
    }

    [Fact]
    public async Task SaveRepairRangeAsync_NoReplicas_ReadsBackAnEmptyList()
    {
        var store = await OpenAsync();

        await store.SaveRepairRangeAsync(NewRange(LowKey) with { Replicas = [] }, CancellationToken.None);

        (await store.ListRepairRangesAsync(CancellationToken.None)).Should().ContainSingle().Which.Replicas.Should().BeEmpty();
    }

    [Fact]
    public async Task PruneRepairRangesAsync_SomeKeys_KeepsOnlyThose()
    {
        var store = await OpenAsync();
        foreach (var key in new[] { HighKey, WrapKey, LowKey, HighKey with { ReplicationFactor = 2 } })
        {
            await store.SaveRepairRangeAsync(NewRange(key), CancellationToken.None);
        }

        await store.PruneRepairRangesAsync([WrapKey, HighKey, new RepairRangeKey(5, 1, 2)], CancellationToken.None);

        (await store.ListRepairRangesAsync(CancellationToken.None)).Select(r => r.Key).Should().BeEquivalentTo([WrapKey, HighKey]);
    }

    [Fact]
    public async Task PruneRepairRangesAsync_NoKeys_DeletesEveryRangeAndKeepsThePass()
    {
        var store = await OpenAsync();
        var pass = new RepairPassRecord(3, T0, T0, T0.AddMinutes(1));
        await store.SaveRepairPassAsync(pass, CancellationToken.None);
        await store.SaveRepairRangeAsync(NewRange(HighKey), CancellationToken.None);
        await store.SaveRepairRangeAsync(NewRange(LowKey), CancellationToken.None);

        await store.PruneRepairRangesAsync([], CancellationToken.None);

        (await store.ListRepairRangesAsync(CancellationToken.None)).Should().BeEmpty();
        (await store.GetRepairPassAsync(CancellationToken.None)).Should().Be(pass);
    }

    [Fact]
    public async Task RepairProgress_AfterReopen_IsStillThere()
    {
        var store = await OpenAsync();
        var pass = new RepairPassRecord(4, T0, null, null);
        await store.SaveRepairPassAsync(pass, CancellationToken.None);
        await store.SaveRepairRangeAsync(NewRange(WrapKey), CancellationToken.None);
        await StoreLifetime.CloseAsync(store);

        var reopened = await OpenAsync();

        (await reopened.GetRepairPassAsync(CancellationToken.None)).Should().Be(pass);
        (await reopened.ListRepairRangesAsync(CancellationToken.None)).Should().ContainSingle().Which.Should().BeEquivalentTo(NewRange(WrapKey), ByMembers);
    }
}
