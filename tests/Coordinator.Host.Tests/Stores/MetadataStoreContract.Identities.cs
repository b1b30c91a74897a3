using FluentAssertions;
using PairDb.Actors.Ports;
using PairDb.Messages.Values;

namespace PairDb.Coordinator.Tests.Stores;

/// <summary>The metadata contract for storage nodes' database identities: conditional incarnation changes and rebuilding marks.</summary>
public abstract partial class MetadataStoreContract
{
    private static readonly StorageNode S1 = new("s1", "127.0.0.1", 50061, 150, StorageNodeStatus.Active);
    private static readonly StorageNode S2 = new("s2", "127.0.0.1", 50062, 150, StorageNodeStatus.Active);

    [Fact]
    public async Task ListNodeIdentitiesAsync_NewNodes_HaveNoIncarnationAndAreNotRebuilding()
    {
        var store = await OpenWithNodesAsync();

        var identities = await store.ListNodeIdentitiesAsync(CancellationToken.None);

        identities.Should().Equal(new NodeIdentity("s1", null, null), new NodeIdentity("s2", null, null));
    }

    [Fact]
    public async Task ReplaceIncarnationAsync_FirstIncarnation_RecordsItWithoutAMark()
    {
        var store = await OpenWithNodesAsync();

        var won = await store.ReplaceIncarnationAsync("s1", null, "inc-a", null, CancellationToken.None);

        won.Should().BeTrue();
        (await store.ListNodeIdentitiesAsync(CancellationToken.None)).Should().Equal(new NodeIdentity("s1", "inc-a", null), new NodeIdentity("s2", null, null));
    }

    [Fact]
    public async Task ReplaceIncarnationAsync_ChangedIncarnation_RecordsItWithTheMark()
    {
        var store = await OpenWithNodesAsync();
        await store.ReplaceIncarnationAsync("s1", null, "inc-a", null, CancellationToken.None);

        var won = await store.ReplaceIncarnationAsync("s1", "inc-a", "inc-b", T0.AddMinutes(5), CancellationToken.None);

        won.Should().BeTrue();
        (await store.ListNodeIdentitiesAsync(CancellationToken.None))[0].Should().Be(new NodeIdentity("s1", "inc-b", T0.AddMinutes(5)));
    }

    [Fact]
    public async Task ReplaceIncarnationAsync_TwoCoordinatorsSeeTheSameChange_ExactlyOneWins()
    {
        var store = await OpenWithNodesAsync();
        var other = await OpenAsync();
        await store.ReplaceIncarnationAsync("s1", null, "inc-a", null, CancellationToken.None);

        var first = await store.ReplaceIncarnationAsync("s1", "inc-a", "inc-b", T0.AddMinutes(5), CancellationToken.None);
        var second = await other.ReplaceIncarnationAsync("s1", "inc-a", "inc-b", T0.AddMinutes(6), CancellationToken.None);

        (first, second).Should().Be((true, false));
        (await other.ListNodeIdentitiesAsync(CancellationToken.None))[0].Should().Be(new NodeIdentity("s1", "inc-b", T0.AddMinutes(5)));
    }

    [Fact]
    public async Task ReplaceIncarnationAsync_ExpectedNoneButOneIsRecorded_ChangesNothing()
    {
        var store = await OpenWithNodesAsync();
        await store.ReplaceIncarnationAsync("s1", null, "inc-a", null, CancellationToken.None);

        var won = await store.ReplaceIncarnationAsync("s1", null, "inc-b", null, CancellationToken.None);

        won.Should().BeFalse();
        (await store.ListNodeIdentitiesAsync(CancellationToken.None))[0].Should().Be(new NodeIdentity("s1", "inc-a", null));
    }

    [Fact]
    public async Task ReplaceIncarnationAsync_UnknownNode_ChangesNothing()
    {
        var store = await OpenWithNodesAsync();

        var won = await store.ReplaceIncarnationAsync("s9", null, "inc-a", null, CancellationToken.None);

        won.Should().BeFalse();
    }

    [Fact]
    public async Task ClearRebuildingAsync_CurrentMark_ClearsItAndKeepsTheIncarnation()
    {
        var store = await OpenWithNodesAsync();
        await store.ReplaceIncarnationAsync("s1", null, "inc-b", T0.AddTicks(1_234_567), CancellationToken.None);
        var mark = (await store.ListNodeIdentitiesAsync(CancellationToken.None))[0].RebuildingSince!.Value;

        var cleared = await store.ClearRebuildingAsync("s1", mark, CancellationToken.None);

        cleared.Should().BeTrue();
        (await store.ListNodeIdentitiesAsync(CancellationToken.None))[0].Should().Be(new NodeIdentity("s1", "inc-b", null));
    }

    [Fact]
    public async Task ClearRebuildingAsync_StaleMarkAfterASecondWipe_KeepsTheNewerMark()
    {
        var store = await OpenWithNodesAsync();
        await store.ReplaceIncarnationAsync("s1", null, "inc-a", null, CancellationToken.None);
        await store.ReplaceIncarnationAsync("s1", "inc-a", "inc-b", T0.AddMinutes(5), CancellationToken.None);
        await store.ReplaceIncarnationAsync("s1", "inc-b", "inc-c", T0.AddMinutes(9), CancellationToken.None);

        var cleared = await store.ClearRebuildingAsync("s1", T0.AddMinutes(5), CancellationToken.None);

        cleared.Should().BeFalse();
        (await store.ListNodeIdentitiesAsync(CancellationToken.None))[0].Should().Be(new NodeIdentity("s1", "inc-c", T0.AddMinutes(9)));
    }

    [Fact]
    public async Task UpdateStorageNodeAsync_RebuildingNode_KeepsItsIdentity()
    {
        var store = await OpenWithNodesAsync();
        await store.ReplaceIncarnationAsync("s1", null, "inc-b", T0, CancellationToken.None);

        await store.UpdateStorageNodeAsync(S1 with { Port = 50071 }, CancellationToken.None);

        (await store.ListNodeIdentitiesAsync(CancellationToken.None))[0].Should().Be(new NodeIdentity("s1", "inc-b", T0));
    }

    private async Task<IMetadataStore> OpenWithNodesAsync()
    {
        var store = await OpenAsync();
        await store.AddStorageNodeAsync(S1, CancellationToken.None);
        await store.AddStorageNodeAsync(S2, CancellationToken.None);
        return store;
    }
}
