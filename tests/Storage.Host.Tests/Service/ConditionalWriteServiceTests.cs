using FluentAssertions;
using PairDb.Protocol.Storage;
using PairDb.Storage.Tests.Support;
using static PairDb.Storage.Tests.Support.WireVersions;
using Version = PairDb.Protocol.Storage.Version;

namespace PairDb.Storage.Tests.Service;

/// <summary>Write with if_dominates over the wire: applied or refused with the stored clocks and no values.</summary>
public sealed class ConditionalWriteServiceTests : WireNodeTest
{
    [Fact]
    public async Task Write_IfDominatesOnEmptyKey_AppliedWithoutConflict()
    {
        var version = Version("v", 10, ("a", 1));

        var response = await Write("k", version, ifDominates: true);

        response.Should().Be(new WriteResponse { Applied = true, SiblingCount = 1 });
        (await Read("k")).Versions.Should().Equal(version);
    }

    [Fact]
    public async Task Write_IfDominatesEverySibling_AppliedAndReplacesThem()
    {
        await Write("k", Version("x", 10, ("a", 1)), ifDominates: false);
        await Write("k", Version("y", 11, ("b", 1)), ifDominates: false);
        var dominating = Version("z", 12, ("a", 1), ("b", 1), ("c", 1));

        var response = await Write("k", dominating, ifDominates: true);

        response.Should().Be(new WriteResponse { Applied = true, SiblingCount = 1 });
        (await Read("k")).Versions.Should().Equal(dominating);
    }

    [Fact]
    public async Task Write_IfDominatesTheVeryVersionStored_AcknowledgedAsADuplicateWithoutConflict()
    {
        // Read repair (or a hint) brought the version before the coordinator's own conditional write of it arrived.
        var version = Version("v", 10, ("a", 2));
        await Write("k", Version("older", 9, ("a", 1)), ifDominates: false);
        await Write("k", version, ifDominates: false);

        var response = await Write("k", version, ifDominates: true);

        response.Should().Be(new WriteResponse { Applied = false, Conflict = false, SiblingCount = 1 });
        (await Read("k")).Versions.Should().Equal(version);
    }

    [Fact]
    public async Task Write_IfDominatesIdenticalClock_ConflictAndStoredValueUnchanged()
    {
        var stored = Version("old", 10, ("a", 1));
        await Write("k", stored, ifDominates: false);

        var response = await Write("k", Version("new", 99, ("a", 1)), ifDominates: true);

        response.Applied.Should().BeFalse();
        response.Conflict.Should().BeTrue();
        response.SiblingCount.Should().Be(1);
        response.Current.Should().Equal(WithoutValue(stored));
        (await Read("k")).Versions.Should().Equal(stored);
    }

    [Fact]
    public async Task Write_IfDominatesConcurrentWithSiblings_ConflictListsEveryStoredClockWithoutValues()
    {
        var live = Version("a large value the coordinator does not need", 10, ("a", 2));
        var tombstone = new Version { TimestampMicros = 11, CoordinatorId = "coord", Tombstone = true, Clock = { Entry("b", 1) } };
        await Write("k", live, ifDominates: false);
        await Write("k", tombstone, ifDominates: false);

        // Dominates the tombstone but not the live version.
        var response = await Write("k", Version("mine", 12, ("a", 1), ("b", 2)), ifDominates: true);

        response.Applied.Should().BeFalse();
        response.Conflict.Should().BeTrue();
        response.SiblingCount.Should().Be(2);
        response.Current.Should().Equal(tombstone, WithoutValue(live));
        response.Current.Should().OnlyContain(static v => v.Value.IsEmpty);
        (await Read("k")).Versions.Should().Equal(tombstone, live);
    }

    [Fact]
    public async Task Write_IfDominatesOlderClock_ConflictWithStoredClock()
    {
        var newer = Version("new", 10, ("a", 3));
        await Write("k", newer, ifDominates: false);

        var response = await Write("k", Version("old", 50, ("a", 2)), ifDominates: true);

        response.Conflict.Should().BeTrue();
        response.Current.Should().ContainSingle().Which.Clock.Should().Equal(Entry("a", 3));
        (await Read("k")).Versions.Should().Equal(newer);
    }

    [Fact]
    public async Task Write_IfDominatesOverDominatedTombstone_Applied()
    {
        await Client.DeleteAsync(new DeleteRequest
        {
            TenantId = "t", Key = "k", TimestampMicros = 10, CoordinatorId = "coord", Clock = { Entry("a", 1) },
        });
        var revived = Version("back", 20, ("a", 2));

        var response = await Write("k", revived, ifDominates: true);

        response.Should().Be(new WriteResponse { Applied = true, SiblingCount = 1 });
        (await Read("k")).Versions.Should().Equal(revived);
    }

    [Fact]
    public async Task Write_WithoutIfDominates_ConcurrentVersionStoredAsSibling()
    {
        await Write("k", Version("x", 10, ("a", 1)), ifDominates: false);

        var response = await Write("k", Version("y", 11, ("b", 1)), ifDominates: false);

        response.Should().Be(new WriteResponse { Applied = true, SiblingCount = 2 });
        (await Read("k")).Versions.Should().HaveCount(2);
    }

    [Fact]
    public async Task Write_IfDominatesConflict_CountRangeAndHealthCountsUnchanged()
    {
        await Write("k", Version("stored", 10, ("a", 2)), ifDominates: false);
        var before = await Client.CountRangeAsync(new CountRangeRequest());

        var response = await Write("k", Version("a much longer value than the stored one", 20, ("b", 1)), ifDominates: true);
        var after = await Client.CountRangeAsync(new CountRangeRequest());
        var health = await Client.HealthCheckAsync(new HealthCheckRequest());

        response.Conflict.Should().BeTrue();
        after.Should().Be(before);
        health.KeysCount.Should().Be(1);
        health.DataBytes.Should().Be(before.Bytes);
    }

    private static Version WithoutValue(Version version)
    {
        var copy = version.Clone();
        copy.Value = Google.Protobuf.ByteString.Empty;
        return copy;
    }

    private Task<WriteResponse> Write(string key, Version version, bool ifDominates) =>
        Client.WriteAsync(new WriteRequest { TenantId = "t", Key = key, Version = version, IfDominates = ifDominates }).ResponseAsync;

    private Task<ReadResponse> Read(string key) =>
        Client.ReadAsync(new ReadRequest { TenantId = "t", Key = key }).ResponseAsync;
}
