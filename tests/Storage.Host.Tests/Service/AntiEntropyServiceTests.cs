using FluentAssertions;
using Grpc.Core;
using PairDb.Messages.Ring;
using PairDb.Protocol.Storage;
using PairDb.Storage.Hosting;
using PairDb.Storage.Tests.Support;
using static PairDb.Storage.Tests.Support.WireVersions;

namespace PairDb.Storage.Tests.Service;

/// <summary>DigestRange, CollectTombstones and the incarnation in HealthCheck, over the wire.</summary>
public sealed class AntiEntropyServiceTests : WireNodeTest
{
    [Fact]
    public async Task DigestRange_NoTenants_InvalidArgumentNamingTenantIds()
    {
        await ShouldFailAsync(() => Digest(8), StatusCode.InvalidArgument, "tenant_ids must list at least one tenant");
    }

    [Fact]
    public async Task DigestRange_MoreTenantsThanTheLimit_InvalidArgumentNamingTheLimit()
    {
        await ShouldFailAsync(() => Digest(8, "a", "b", "c"), StatusCode.InvalidArgument, "tenant_ids lists 3 tenants; the limit is 2 (MAX_RANGE_TENANTS)");
    }

    [Theory]
    [InlineData("a:b", "tenant_ids[1] must not contain ':'")]
    [InlineData("", "tenant_ids[1] must be 1..256 bytes (got 0)")]
    public async Task DigestRange_InvalidTenantId_InvalidArgumentNamingTheEntry(string tenant, string message)
    {
        await ShouldFailAsync(() => Digest(8, "t", tenant), StatusCode.InvalidArgument, message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(9)]
    public async Task DigestRange_LeavesOutOfBounds_InvalidArgumentNamingLeaves(int leaves)
    {
        await ShouldFailAsync(() => Digest(leaves, "t"), StatusCode.InvalidArgument, $"leaves must be 1..8 (MAX_DIGEST_LEAVES; was {leaves})");
    }

    [Fact]
    public async Task DigestRange_WrittenKeys_OneLeafPerArcAsTheEngineAnswers()
    {
        for (var i = 0; i < 20; i++)
        {
            await Client.WriteAsync(new WriteRequest { TenantId = "t", Key = "k" + i, Version = Version("v", 1, ("a", 1)) });
            await Client.WriteAsync(new WriteRequest { TenantId = "other", Key = "k" + i, Version = Version("v", 1, ("a", 1)) });
        }

        var response = await Digest(8, "t", "t");
        var engine = await Node.Engine.DigestRangeAsync(RingRange.All, ["t"], 8);

        response.Leaves.Select(static l => (l.Hash, l.Keys)).Should().Equal(engine.Select(static a => (a.Hash, a.Keys)));
        response.Leaves.Sum(static l => l.Keys).Should().Be(20, "a tenant listed twice counts once");
    }

    [Fact]
    public async Task CollectTombstones_NoTenantsOrNegativeCutoff_InvalidArgument()
    {
        await ShouldFailAsync(() => Collect(1), StatusCode.InvalidArgument, "tenant_ids must list at least one tenant");
        await ShouldFailAsync(() => Collect(-1, "t"), StatusCode.InvalidArgument, "cutoff_micros must not be negative (was -1)");
    }

    [Fact]
    public async Task CollectTombstones_DeletedKeys_RemovesThemAndAnswersTheCounts()
    {
        for (var i = 0; i < 3; i++)
        {
            await Client.WriteAsync(new WriteRequest { TenantId = "t", Key = "k" + i, Version = Version("v", 1, ("a", 1)) });
        }

        for (var i = 0; i < 2; i++)
        {
            await Client.DeleteAsync(new DeleteRequest { TenantId = "t", Key = "k" + i, Clock = { Entry("a", 2) }, TimestampMicros = 5, CoordinatorId = "c" });
        }

        var early = await Collect(4, "t");
        var collected = await Collect(10, "t");
        var health = await Client.HealthCheckAsync(new HealthCheckRequest());

        early.Should().Be(new CollectTombstonesResponse { KeysRemoved = 0, VersionsRemoved = 0 });
        collected.Should().Be(new CollectTombstonesResponse { KeysRemoved = 2, VersionsRemoved = 2 });
        health.KeysCount.Should().Be(1);
        (await Client.ReadAsync(new ReadRequest { TenantId = "t", Key = "k0" })).Found.Should().BeFalse();
    }

    [Fact]
    public async Task HealthCheck_AnswersTheDatabaseIncarnation()
    {
        var health = await Client.HealthCheckAsync(new HealthCheckRequest());

        health.Incarnation.Should().MatchRegex("^[0-9a-f]{32}$").And.Be(Node.Engine.Incarnation);
    }

    protected override StorageNodeOptions Configure(StorageNodeOptions defaults) => defaults with { MaxDigestLeaves = 8, MaxRangeTenants = 2 };

    private async Task<DigestRangeResponse> Digest(int leaves, params string[] tenants) =>
        await Client.DigestRangeAsync(new DigestRangeRequest { Start = 0, End = 0, Leaves = leaves, TenantIds = { tenants } });

    private async Task<CollectTombstonesResponse> Collect(long cutoff, params string[] tenants) =>
        await Client.CollectTombstonesAsync(new CollectTombstonesRequest { Start = 0, End = 0, CutoffMicros = cutoff, TenantIds = { tenants } });
}
