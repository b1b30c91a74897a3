using FluentAssertions;
using PairDb.Actors.Cores;
using PairDb.Actors.Ports;

namespace PairDb.Actors.Tests.Cores.AntiEntropy;

public sealed class RepairProgressTests
{
    private static readonly DateTimeOffset PassStart = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly RepairWorkItem A = Item(1, "n1", "n2");
    private static readonly RepairWorkItem B = Item(2, "n2", "n3");
    private static readonly RepairWorkItem C = Item(3, "n3", "n1");
    private static readonly IReadOnlyList<RepairWorkItem> Plan = [A, B, C];
    private static readonly IReadOnlyDictionary<string, DateTimeOffset> NoneRebuilding = new Dictionary<string, DateTimeOffset>();
    private static readonly TimeSpan Retry = TimeSpan.FromSeconds(10);

    [Fact]
    public void Next_InPlanOrder_SkippingRangesAttemptedThisPass()
    {
        var progress = new RepairProgress([Synced(A, PassStart.AddMinutes(1)), Failed(B, PassStart.AddMinutes(2))]);

        progress.Next(Plan, PassStart, NoneRebuilding, PassStart, Retry).Should().Be(C, "A synced and B failed this pass; a failure waits for the next pass");
        progress.Next(Plan, PassStart.AddMinutes(5), NoneRebuilding, PassStart, Retry).Should().Be(A, "a new pass starts from the beginning");
    }

    [Fact]
    public void Next_EverythingAttempted_None_AndFullOnlyWhenAllSynced()
    {
        var progress = new RepairProgress([Synced(A, PassStart), Synced(B, PassStart), Failed(C, PassStart)]);

        progress.Next(Plan, PassStart, NoneRebuilding, PassStart, Retry).Should().BeNull();
        progress.AllSyncedSince(Plan, PassStart).Should().BeFalse();
        progress.Record(Synced(C, PassStart.AddSeconds(1)));
        progress.AllSyncedSince(Plan, PassStart).Should().BeTrue();
    }

    [Fact]
    public void Next_ReplicaRebuildingSinceAfterItsSync_ItsRangesFirstAndAgain()
    {
        var progress = new RepairProgress([Synced(A, PassStart), Synced(B, PassStart), Synced(C, PassStart)]);
        var rebuilding = new Dictionary<string, DateTimeOffset> { ["n3"] = PassStart.AddMinutes(10) };

        progress.Next(Plan, PassStart, rebuilding, PassStart, Retry).Should().Be(B);
        progress.Record(Synced(B, PassStart.AddMinutes(11)));
        progress.Next(Plan, PassStart, rebuilding, PassStart, Retry).Should().Be(C);
        progress.Refilled(Plan, rebuilding).Should().BeEmpty("C, also on n3, has not synced since");
        progress.Record(Synced(C, PassStart.AddMinutes(12)));
        progress.Next(Plan, PassStart, rebuilding, PassStart, Retry).Should().BeNull();
        progress.Refilled(Plan, rebuilding).Should().ContainSingle().Which.Should().Be(new KeyValuePair<string, DateTimeOffset>("n3", PassStart.AddMinutes(10)));
    }

    [Fact]
    public void Next_RebuildingRangeFailed_TriedAgainOnceTheRetryDelayPassed()
    {
        // Arrange: n3 is rebuilding; its ranges B and C failed a minute after (another replica was briefly down).
        var since = PassStart.AddMinutes(10);
        var failedAt = since.AddMinutes(1);
        var progress = new RepairProgress([Synced(A, PassStart), Failed(B, failedAt), Failed(C, failedAt)]);
        var rebuilding = new Dictionary<string, DateTimeOffset> { ["n3"] = since };

        // Act / Assert: not in a loop, but not a whole pass later either.
        progress.Next(Plan, PassStart, rebuilding, failedAt + Retry - TimeSpan.FromSeconds(1), Retry).Should().BeNull();
        progress.Next(Plan, PassStart, rebuilding, failedAt + Retry, Retry).Should().Be(B);
        progress.Refilled(Plan, rebuilding).Should().BeEmpty();
    }

    [Fact]
    public void Next_RangeFailedWithoutARebuildingReplica_WaitsForTheNextPass()
    {
        var progress = new RepairProgress([Synced(A, PassStart), Failed(B, PassStart), Synced(C, PassStart)]);

        progress.Next(Plan, PassStart, NoneRebuilding, PassStart.AddMinutes(30), Retry).Should().BeNull();
    }

    [Fact]
    public void Prune_DropsRangesNoLongerPlanned()
    {
        var progress = new RepairProgress([Synced(A, PassStart), Synced(Item(9, "n1", "n2"), PassStart)]);

        progress.Prune(Plan);

        progress.Find(A).Should().NotBeNull();
        progress.Find(Item(9, "n1", "n2")).Should().BeNull();
    }

    [Fact]
    public void Find_RangeWhoseReplicasChangedSinceItsRecord_CountsAsNeverAttempted()
    {
        // Arrange: A synced with n1 and n2; a membership change made n4 its replica in place of n2.
        var progress = new RepairProgress([Synced(A, PassStart), Synced(B, PassStart), Synced(C, PassStart)]);
        var moved = A with { Replicas = ["n1", "n4"] };
        var plan = new[] { moved, B, C };
        var rebuilding = new Dictionary<string, DateTimeOffset> { ["n4"] = PassStart.AddMinutes(-5) };

        // Act / Assert: the old replicas' agreement says nothing of n4's, whatever the replicas' order.
        progress.Find(moved).Should().BeNull();
        progress.Find(A with { Replicas = ["n2", "n1"] }).Should().NotBeNull();
        progress.Next(plan, PassStart, NoneRebuilding, PassStart, Retry).Should().Be(moved);
        progress.AllSyncedSince(plan, PassStart).Should().BeFalse();
        progress.Refilled(plan, rebuilding).Should().BeEmpty("n4's only range has not synced with it");
    }

    private static RepairWorkItem Item(ulong start, params string[] replicas) => new(new RepairRangeKey(2, start, start + 1), replicas, ["t"]);

    private static RepairRangeRecord Synced(RepairWorkItem item, DateTimeOffset at) => new(item.Key, item.Replicas, at, at, 10, 0, 0, null);

    private static RepairRangeRecord Failed(RepairWorkItem item, DateTimeOffset at) => new(item.Key, item.Replicas, null, at, 0, 0, 0, "n2 is down");
}
