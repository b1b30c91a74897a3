using FluentAssertions;
using PairDb.Actors.Ports;
using PairDb.Coordinator.Tests.Infrastructure;
using PairDb.Protocol.Coordinator;

namespace PairDb.Coordinator.Tests.Edge;

/// <summary>GetRepairStatus over a real coordinator: counts of the current pass and all_synced_since from the stored progress.</summary>
public sealed class RepairStatusTests
{
    private static readonly DateTimeOffset PassStart = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task GetRepairStatus_StoredProgress_CountsThisPassAndZeroWhileARangeNeverSynced()
    {
        // Arrange: the scheduler off, so only this test writes progress; one range synced this pass, one failed, the rest never attempted.
        await using var coordinator = await InProcessCoordinator.StartAsync(configure: static o => o with { AntiEntropyEnabled = false });
        var plan = await StatusAsync(coordinator, includeRanges: true);
        plan.Ranges.Count.Should().BeGreaterThan(3);
        var store = coordinator.Runtime.Edge.Metadata;
        await store.SaveRepairPassAsync(new RepairPassRecord(7, PassStart, PassStart.AddHours(-1), PassStart.AddMinutes(-30)), CancellationToken.None);
        await store.SaveRepairRangeAsync(Record(plan.Ranges[0], synced: PassStart.AddMinutes(1), attempted: PassStart.AddMinutes(1), repaired: 5, error: null), CancellationToken.None);
        await store.SaveRepairRangeAsync(Record(plan.Ranges[1], synced: PassStart.AddHours(-1), attempted: PassStart.AddMinutes(2), repaired: 0, error: "storage-2 unavailable"), CancellationToken.None);
        // A sync of the previous pass counts towards no figure of this one.
        await store.SaveRepairRangeAsync(Record(plan.Ranges[2], synced: PassStart.AddHours(-1), attempted: PassStart.AddHours(-1), repaired: 40, error: null), CancellationToken.None);

        // Act
        var summary = await StatusAsync(coordinator, includeRanges: false);
        var detailed = await StatusAsync(coordinator, includeRanges: true);

        // Assert
        summary.Enabled.Should().BeFalse();
        (summary.PassNumber, summary.PassStartedAt).Should().Be((7L, PassStart.ToUnixTimeSeconds()));
        (summary.RangesTotal, summary.RangesSynced, summary.RangesFailed).Should().Be((plan.Ranges.Count, 1, 1));
        summary.KeysRepaired.Should().Be(5);
        summary.LastFullPassCompletedAt.Should().Be(PassStart.AddMinutes(-30).ToUnixTimeSeconds());
        summary.AllSyncedSince.Should().Be(0);
        summary.Ranges.Should().BeEmpty();
        detailed.Ranges.Should().HaveCount(plan.Ranges.Count);
        detailed.Ranges[1].LastError.Should().Be("storage-2 unavailable");
        detailed.Ranges[1].AttemptedAt.Should().Be(PassStart.AddMinutes(2).ToUnixTimeSeconds());
        detailed.Ranges[^1].SyncedAt.Should().Be(0);
    }

    [Fact]
    public async Task GetRepairStatus_EveryRangeSynced_AllSyncedSinceIsTheOldestSync()
    {
        // Arrange
        await using var coordinator = await InProcessCoordinator.StartAsync(configure: static o => o with { AntiEntropyEnabled = false });
        var plan = await StatusAsync(coordinator, includeRanges: true);
        var store = coordinator.Runtime.Edge.Metadata;
        await store.SaveRepairPassAsync(new RepairPassRecord(1, PassStart, null, null), CancellationToken.None);
        for (var i = 0; i < plan.Ranges.Count; i++)
        {
            var synced = PassStart.AddSeconds(10 + i);
            await store.SaveRepairRangeAsync(Record(plan.Ranges[i], synced, synced, repaired: 1, error: null), CancellationToken.None);
        }

        // Act
        var status = await StatusAsync(coordinator, includeRanges: false);

        // Assert
        (status.RangesSynced, status.RangesFailed).Should().Be((plan.Ranges.Count, 0));
        status.KeysRepaired.Should().Be(plan.Ranges.Count);
        status.AllSyncedSince.Should().Be(PassStart.AddSeconds(10).ToUnixTimeSeconds());
        status.LastFullPassStartedAt.Should().Be(0);
    }

    private static async Task<GetRepairStatusResponse> StatusAsync(InProcessCoordinator coordinator, bool includeRanges)
    {
        var response = await coordinator.Client.GetRepairStatusAsync(
            new GetRepairStatusRequest { IncludeRanges = includeRanges }, deadline: DateTime.UtcNow.AddSeconds(30));
        response.Success.Should().BeTrue();
        return response;
    }

    private static RepairRangeRecord Record(RepairRangeInfo range, DateTimeOffset? synced, DateTimeOffset attempted, long repaired, string? error) => new(
        new RepairRangeKey(range.ReplicationFactor, range.Start, range.End), [.. range.Replicas], synced, attempted, 100, repaired, 0, error);
}
