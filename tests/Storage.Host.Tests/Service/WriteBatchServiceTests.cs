using FluentAssertions;
using Grpc.Core;
using PairDb.Protocol.Storage;
using PairDb.Storage.Hosting;
using PairDb.Storage.Tests.Support;
using static PairDb.Storage.Tests.Support.WireVersions;
using Version = PairDb.Protocol.Storage.Version;

namespace PairDb.Storage.Tests.Service;

/// <summary>WriteBatch over the wire: each item answered as its Write would be, in request order, bounded in count.</summary>
public sealed class WriteBatchServiceTests : WireNodeTest
{
    private const int BatchLimit = 150;

    protected override StorageNodeOptions Configure(StorageNodeOptions defaults) =>
        defaults with { MaxBatchItems = BatchLimit, MaxSiblings = 2 };

    [Fact]
    public async Task WriteBatch_MixedItems_EachAnsweredAsItsSingleWriteAndOthersApplied()
    {
        // Arrange: "c" holds a newer clock than the conditional write below; "s" holds the sibling limit (2).
        var stored = Version("stored value", 10, ("a", 3));
        await Write(Request("c", stored));
        await Write(Request("s", Version("x", 1, ("n1", 1))));
        await Write(Request("s", Version("y", 1, ("n2", 1))));
        var first = Version("one", 20, ("a", 1));
        var second = Version("two", 21, ("b", 1));
        var invalidKey = Request(string.Empty, Version("v", 1, ("a", 1)));
        var beyondSiblings = Request("s", Version("z", 1, ("n3", 1)));
        var batch = new WriteBatchRequest
        {
            Writes = { Request("k1", first), invalidKey, Request("c", Version("mine", 30, ("a", 2)), ifDominates: true), beyondSiblings, Request("k2", second) },
        };
        var invalidAlone = await FailureOf(invalidKey);
        var siblingsAlone = await FailureOf(beyondSiblings);

        // Act
        var response = await Client.WriteBatchAsync(batch);

        // Assert
        var results = response.Results;
        results.Should().HaveCount(5);
        results[0].Should().Be(Ok(new WriteResponse { Applied = true, SiblingCount = 1 }));
        results[1].Should().Be(invalidAlone);
        results[1].StatusCode.Should().Be((int)StatusCode.InvalidArgument);
        results[1].StatusMessage.Should().Contain("key must be 1..1024 bytes (got 0)");
        results[2].Should().Be(Ok(new WriteResponse { Conflict = true, SiblingCount = 1, Current = { WithoutValue(stored) } }));
        results[3].Should().Be(siblingsAlone);
        results[3].StatusCode.Should().Be((int)StatusCode.FailedPrecondition);
        results[3].StatusMessage.Should().Contain("limit of 2 siblings");
        results[4].Should().Be(Ok(new WriteResponse { Applied = true, SiblingCount = 1 }));
        (await Read("k1")).Versions.Should().Equal(first);
        (await Read("k2")).Versions.Should().Equal(second);
        (await Read("c")).Versions.Should().Equal(stored);
        (await Read("s")).Versions.Should().HaveCount(2);
    }

    [Fact]
    public async Task WriteBatch_SameKeyThreeTimes_AppliedInRequestOrder()
    {
        // Arrange: the conditional writes only succeed if they see the items before them.
        var v1 = Version("v1", 1, ("a", 1));
        var v2 = Version("v2", 2, ("a", 2));
        var batch = new WriteBatchRequest
        {
            Writes = { Request("k", v1), Request("k", v2, ifDominates: true), Request("k", Version("v3", 3, ("a", 2)), ifDominates: true) },
        };

        // Act
        var response = await Client.WriteBatchAsync(batch);

        // Assert
        response.Results.Should().Equal(
            Ok(new WriteResponse { Applied = true, SiblingCount = 1 }),
            Ok(new WriteResponse { Applied = true, SiblingCount = 1 }),
            Ok(new WriteResponse { Conflict = true, SiblingCount = 1, Current = { WithoutValue(v2) } }));
        (await Read("k")).Versions.Should().Equal(v2);
    }

    [Fact]
    public async Task WriteBatch_ManyDistinctKeys_AllAppliedAndReadable()
    {
        // Arrange
        const int count = 100;
        var batch = new WriteBatchRequest();
        for (var i = 0; i < count; i++)
        {
            batch.Writes.Add(Request("key-" + i, Version("value-" + i, i + 1, ("a", 1))));
        }

        // Act
        var response = await Client.WriteBatchAsync(batch);

        // Assert
        response.Results.Should().HaveCount(count).And.OnlyContain(static r => r.StatusCode == 0 && r.Response.Applied);
        Node.Engine.Stats.Keys.Should().Be(count);
        for (var i = 0; i < count; i++)
        {
            (await Read("key-" + i)).Versions.Should().Equal(batch.Writes[i].Version);
        }
    }

    [Fact]
    public async Task WriteBatch_ManyWrites_CommittedInFewerTransactionsThanWrites()
    {
        // Arrange: awaiting each write before enqueueing the next would cost exactly one transaction per write.
        const int count = 100;
        var batch = new WriteBatchRequest();
        for (var i = 0; i < count; i++)
        {
            batch.Writes.Add(Request("group-" + i, Version("v", 1, ("a", 1))));
        }

        var before = Node.Engine.CommittedBatches;

        // Act
        var response = await Client.WriteBatchAsync(batch);

        // Assert
        response.Results.Should().OnlyContain(static r => r.StatusCode == 0 && r.Response.Applied);
        (Node.Engine.CommittedBatches - before).Should().BeLessThan(count);
    }

    [Fact]
    public async Task WriteBatch_OverTheLimit_InvalidArgumentNamingItAndNothingWritten()
    {
        // Arrange
        var batch = new WriteBatchRequest();
        for (var i = 0; i <= BatchLimit; i++)
        {
            batch.Writes.Add(Request("k" + i, Version("v", 1, ("a", 1))));
        }

        // Act
        var act = () => Client.WriteBatchAsync(batch).ResponseAsync;

        // Assert
        await ShouldFailAsync(act, StatusCode.InvalidArgument, $"writes holds {BatchLimit + 1} items; the limit is {BatchLimit} (MAX_BATCH_ITEMS)");
        Node.Engine.Stats.Keys.Should().Be(0);
    }

    [Fact]
    public async Task WriteBatch_AtTheLimit_EveryItemApplied()
    {
        // Arrange
        var batch = new WriteBatchRequest();
        for (var i = 0; i < BatchLimit; i++)
        {
            batch.Writes.Add(Request("k" + i, Version("v", 1, ("a", 1))));
        }

        // Act
        var response = await Client.WriteBatchAsync(batch);

        // Assert
        response.Results.Should().HaveCount(BatchLimit).And.OnlyContain(static r => r.StatusCode == 0 && r.Response.Applied);
    }

    [Fact]
    public async Task WriteBatch_Empty_NoResults()
    {
        var response = await Client.WriteBatchAsync(new WriteBatchRequest());

        response.Results.Should().BeEmpty();
    }

    private static WriteRequest Request(string key, Version version, bool ifDominates = false) =>
        new() { TenantId = "t", Key = key, Version = version, IfDominates = ifDominates };

    private static WriteResult Ok(WriteResponse response) => new() { Response = response };

    private static Version WithoutValue(Version version)
    {
        var copy = version.Clone();
        copy.Value = Google.Protobuf.ByteString.Empty;
        return copy;
    }

    /// <summary>The failure the single Write call ends with, as a batch result would carry it.</summary>
    private async Task<WriteResult> FailureOf(WriteRequest request)
    {
        var error = (await FluentActions.Awaiting(() => Write(request)).Should().ThrowAsync<RpcException>()).Which;
        return new WriteResult { StatusCode = (int)error.StatusCode, StatusMessage = error.Status.Detail };
    }

    private Task<WriteResponse> Write(WriteRequest request) => Client.WriteAsync(request).ResponseAsync;

    private Task<ReadResponse> Read(string key) =>
        Client.ReadAsync(new ReadRequest { TenantId = "t", Key = key }).ResponseAsync;
}
