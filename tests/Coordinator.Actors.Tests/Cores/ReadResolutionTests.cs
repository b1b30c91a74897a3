using FluentAssertions;
using PairDb.Actors.Cores;
using PairDb.Messages.Values;

namespace PairDb.Actors.Tests.Cores;

public sealed class ReadResolutionTests
{
    // The read's time (Unix microseconds): after every timestamp below.
    private const long Now = 1_000;

    private static readonly VectorClock A1 = VectorClock.Empty.Increment("a");
    private static readonly VectorClock A2 = A1.Increment("a");
    private static readonly VectorClock B1 = VectorClock.Empty.Increment("b");

    private static readonly VersionedValue V1 = new(new byte[] { 1 }, A1, 100, "a", false);
    private static readonly VersionedValue V2 = new(new byte[] { 2 }, A2, 200, "a", false);
    private static readonly VersionedValue FromB = new(new byte[] { 3 }, B1, 150, "b", false);

    [Fact]
    public void Resolve_AllNotFound_ReadsNotFoundWithNothingToRepair()
    {
        var resolution = ReadResolution.Resolve([ReplicaReadReply.NotFound("r1"), ReplicaReadReply.NotFound("r2")], 10);

        resolution.IsNotFound(Now).Should().BeTrue();
        resolution.Winner.Should().BeNull();
        resolution.Siblings.Should().BeEmpty();
        resolution.MergedClock.Should().BeSameAs(VectorClock.Empty);
        resolution.Answered.Should().Be(2);
        resolution.Repair.IsEmpty.Should().BeTrue();
    }

    [Fact]
    public void Resolve_OneReplicaHasValue_RepairsTheNotFoundOnes()
    {
        var resolution = ReadResolution.Resolve(
            [ReplicaReadReply.NotFound("r1"), ReplicaReadReply.Found("r2", [V1]), ReplicaReadReply.NotFound("r3")], 10);

        resolution.IsNotFound(Now).Should().BeFalse();
        resolution.Winner.Should().BeSameAs(V1);
        resolution.MergedClock.Should().Be(A1);
        resolution.Repair.Targets.Should().Equal("r1", "r3");
        resolution.Repair.Versions.Should().Equal(V1);
    }

    [Fact]
    public void Resolve_DominatedReplica_GetsTheNewerVersion()
    {
        var resolution = ReadResolution.Resolve([ReplicaReadReply.Found("r1", [V2]), ReplicaReadReply.Found("r2", [V1])], 10);

        resolution.Siblings.Should().Equal(V2);
        resolution.Winner.Should().BeSameAs(V2);
        resolution.Repair.Targets.Should().Equal("r2");
    }

    [Fact]
    public void Resolve_ConcurrentVersions_KeepsSiblingsAndRepairsBothSides()
    {
        var resolution = ReadResolution.Resolve([ReplicaReadReply.Found("r1", [V1]), ReplicaReadReply.Found("r2", [FromB])], 10);

        resolution.Siblings.Should().Equal(FromB, V1);
        resolution.Winner.Should().BeSameAs(FromB);
        resolution.MergedClock.Should().Be(A1.Merge(B1));
        resolution.Repair.Targets.Should().Equal("r1", "r2");
    }

    [Fact]
    public void Resolve_ReplicaHoldsSameSiblingsInOtherOrder_IsUpToDate()
    {
        var resolution = ReadResolution.Resolve(
            [ReplicaReadReply.Found("r1", [V1, FromB]), ReplicaReadReply.Found("r2", [FromB, V1]), ReplicaReadReply.Found("r3", [V1])], 10);

        resolution.Repair.Targets.Should().Equal("r3");
    }

    [Fact]
    public void Resolve_ReplicaWithExtraDominatedVersion_IsRepaired()
    {
        var resolution = ReadResolution.Resolve([ReplicaReadReply.Found("r1", [V2]), ReplicaReadReply.Found("r2", [V2, V1])], 10);

        resolution.Repair.Targets.Should().Equal("r2");
    }

    [Fact]
    public void Resolve_TombstoneWinner_ReadsNotFoundButRepairsTheTombstone()
    {
        var tombstone = new VersionedValue(default, A2, 300, "a", tombstone: true);

        var resolution = ReadResolution.Resolve([ReplicaReadReply.Found("r1", [tombstone]), ReplicaReadReply.Found("r2", [V1])], 10);

        resolution.IsNotFound(Now).Should().BeTrue();
        resolution.Winner.Should().BeSameAs(tombstone);
        resolution.Siblings.Should().Equal(tombstone);
        resolution.Repair.Targets.Should().Equal("r2");
    }

    [Fact]
    public void Resolve_ExpiredWinner_ReadsNotFoundAndRepairsTheExpiredVersion()
    {
        var expiring = new VersionedValue(new byte[] { 2 }, A2, 200, "a", tombstone: false, expiresAtMicros: 500);

        var resolution = ReadResolution.Resolve([ReplicaReadReply.Found("r1", [expiring]), ReplicaReadReply.Found("r2", [V1])], 10);

        resolution.IsNotFound(Now).Should().BeTrue();
        resolution.IsNotFound(499).Should().BeFalse("the version is live until its expiry");
        resolution.Siblings.Should().Equal(expiring);
        resolution.Repair.Targets.Should().Equal("r2");
        resolution.Repair.Versions.Should().Equal(expiring);
    }

    [Fact]
    public void Resolve_ExpiredWinnerBesideLiveConcurrentSibling_ReadsNotFoundAsATombstoneWould()
    {
        var expiring = new VersionedValue(new byte[] { 3 }, B1, 150, "b", tombstone: false, expiresAtMicros: 500);

        var resolution = ReadResolution.Resolve([ReplicaReadReply.Found("r1", [V1]), ReplicaReadReply.Found("r2", [expiring])], 10);

        resolution.Winner.Should().BeSameAs(expiring);
        resolution.Siblings.Should().Equal(expiring, V1);
        resolution.IsNotFound(Now).Should().BeTrue();
    }

    [Fact]
    public void Resolve_ExpiredSiblingBesideLiveWinner_ReadsFoundWithBoth()
    {
        var expiring = new VersionedValue(new byte[] { 1 }, A1, 100, "a", tombstone: false, expiresAtMicros: 500);

        var resolution = ReadResolution.Resolve([ReplicaReadReply.Found("r1", [expiring]), ReplicaReadReply.Found("r2", [FromB])], 10);

        resolution.IsNotFound(Now).Should().BeFalse();
        resolution.Winner.Should().BeSameAs(FromB);
        resolution.Siblings.Should().Equal(FromB, expiring);
    }

    [Fact]
    public void Resolve_LiveSiblingBeatsConcurrentTombstone_ReadsFound()
    {
        var tombstone = new VersionedValue(default, A1, 100, "a", tombstone: true);

        var resolution = ReadResolution.Resolve([ReplicaReadReply.Found("r1", [tombstone]), ReplicaReadReply.Found("r2", [FromB])], 10);

        resolution.IsNotFound(Now).Should().BeFalse();
        resolution.Winner.Should().BeSameAs(FromB);
        resolution.Siblings.Should().Equal(FromB, tombstone);
    }

    [Fact]
    public void Resolve_FailedReplicas_NeitherCountedNorRepaired()
    {
        var resolution = ReadResolution.Resolve(
            [ReplicaReadReply.Failed("r1"), ReplicaReadReply.Found("r2", [V1]), ReplicaReadReply.Failed("r3")], 10);

        resolution.Answered.Should().Be(1);
        resolution.Winner.Should().BeSameAs(V1);
        resolution.Repair.IsEmpty.Should().BeTrue();
        resolution.Repair.Skipped.Should().Be(0);
    }

    [Fact]
    public void Resolve_FoundWithNoVersions_TreatedAsNotFound()
    {
        var nothingAnywhere = ReadResolution.Resolve([ReplicaReadReply.Found("r1", [])], 10);
        var oneHasValue = ReadResolution.Resolve([ReplicaReadReply.Found("r1", []), ReplicaReadReply.Found("r2", [V1])], 10);

        nothingAnywhere.IsNotFound(Now).Should().BeTrue();
        nothingAnywhere.Repair.IsEmpty.Should().BeTrue();
        oneHasValue.Repair.Targets.Should().Equal("r1");
    }

    [Theory]
    [InlineData(0, 0, 3)]
    [InlineData(1, 1, 2)]
    [InlineData(3, 3, 0)]
    [InlineData(5, 3, 0)]
    public void Resolve_MoreStaleReplicasThanCap_RepairsUpToCapAndCountsTheRest(int cap, int repaired, int skipped)
    {
        var resolution = ReadResolution.Resolve(
            [ReplicaReadReply.Found("r0", [V2]), ReplicaReadReply.NotFound("r1"), ReplicaReadReply.Found("r2", [V1]), ReplicaReadReply.NotFound("r3")],
            cap);

        resolution.Repair.Targets.Should().HaveCount(repaired).And.Equal(new[] { "r1", "r2", "r3" }.Take(repaired));
        resolution.Repair.Skipped.Should().Be(skipped);
    }

    [Fact]
    public void Create_NegativeCap_Throws()
    {
        var act = () => RepairPlan.Create([], [], -1);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }
}
