using FluentAssertions;
using Grpc.Core;
using PairDb.Protocol.Storage;
using PairDb.Storage.Hosting;
using PairDb.Storage.Tests.Support;
using static PairDb.Storage.Tests.Support.WireVersions;

namespace PairDb.Storage.Tests.Service;

/// <summary>ReadBatch over the wire: each item answered as its Read would be, in request order, bounded in count.</summary>
public sealed class ReadBatchServiceTests : WireNodeTest
{
    private const int BatchLimit = 300;

    /// <summary>Two read connections: batches of 32 reads and more are read in parallel slices on 2+ cores.</summary>
    protected override StorageNodeOptions Configure(StorageNodeOptions defaults) =>
        defaults with { MaxBatchItems = BatchLimit, ReadConnections = 2 };

    [Fact]
    public async Task ReadBatch_FoundNotFoundAndInvalid_EachAnsweredAsItsSingleRead()
    {
        // Arrange
        var version = Version("hello", 5, ("a", 1));
        await Write("k", version);
        var invalidTenant = new ReadRequest { TenantId = "a:b", Key = "k" };
        var error = (await FluentActions.Awaiting(() => Client.ReadAsync(invalidTenant).ResponseAsync).Should().ThrowAsync<RpcException>()).Which;
        var batch = new ReadBatchRequest { Reads = { Request("k"), Request("missing"), invalidTenant, Request("k") } };

        // Act
        var response = await Client.ReadBatchAsync(batch);

        // Assert
        var found = new ReadResult { Response = new ReadResponse { Found = true, Versions = { version } } };
        response.Results.Should().Equal(
            found,
            new ReadResult { Response = new ReadResponse { Found = false } },
            new ReadResult { StatusCode = (int)StatusCode.InvalidArgument, StatusMessage = error.Status.Detail },
            found);
        error.StatusCode.Should().Be(StatusCode.InvalidArgument);
        error.Status.Detail.Should().Contain("must not contain ':'");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(64)]
    [InlineData(BatchLimit)]
    public async Task ReadBatch_ShuffledKeysWithMissingAndInvalidItems_ResultsInRequestOrder(int count)
    {
        // Arrange: every 3rd key unwritten, every 7th item an invalid (empty) key, order shuffled with a fixed seed.
        var keys = new string[count];
        for (var i = 0; i < count; i++)
        {
            keys[i] = i % 7 == 6 ? string.Empty : "key-" + i;
            if (i % 3 != 2 && keys[i].Length > 0)
            {
                await Write(keys[i], Version("value-" + i, i + 1, ("a", 1)));
            }
        }

        new Random(1234).Shuffle(keys);
        var batch = new ReadBatchRequest();
        foreach (var key in keys)
        {
            batch.Reads.Add(Request(key));
        }

        // Act
        var response = await Client.ReadBatchAsync(batch);

        // Assert
        response.Results.Should().HaveCount(count);
        for (var i = 0; i < count; i++)
        {
            response.Results[i].Should().Be(await ExpectedFor(keys[i]), "item {0} reads key '{1}'", i, keys[i]);
            if (response.Results[i].Response is { Found: true } found)
            {
                found.Versions.Should().ContainSingle().Which.Value.ToStringUtf8().Should().Be("value-" + keys[i]["key-".Length..]);
            }
        }
    }

    [Fact]
    public async Task ReadBatch_OverTheLimit_InvalidArgumentNamingIt()
    {
        // Arrange
        var batch = new ReadBatchRequest();
        for (var i = 0; i <= BatchLimit; i++)
        {
            batch.Reads.Add(Request("k" + i));
        }

        // Act
        var act = () => Client.ReadBatchAsync(batch).ResponseAsync;

        // Assert
        await ShouldFailAsync(act, StatusCode.InvalidArgument, $"reads holds {BatchLimit + 1} items; the limit is {BatchLimit} (MAX_BATCH_ITEMS)");
    }

    [Fact]
    public async Task ReadBatch_AnswersPastMaxResponseBytes_DeferredUnreadFirstAlwaysAnswered()
    {
        // Arrange: three keys of 1000-byte values; the budget holds one answer and a half.
        foreach (var key in new[] { "a", "b", "c" })
        {
            await Write(key, Version(new string('x', 1000), 5, ("a", 1)));
        }

        var batch = new ReadBatchRequest { Reads = { Request("a"), Request("b"), Request("c") }, MaxResponseBytes = 1500 };
        var tiny = new ReadBatchRequest { Reads = { Request("a"), Request("b") }, MaxResponseBytes = 10 };

        // Act
        var response = await Client.ReadBatchAsync(batch);
        var tinyResponse = await Client.ReadBatchAsync(tiny);

        // Assert
        response.Results.Select(static r => r.Deferred).Should().Equal(false, true, true);
        response.Results[0].Response.Versions.Should().ContainSingle().Which.Value.Length.Should().Be(1000);
        response.Results[1].Should().Be(new ReadResult { Deferred = true }, "a deferred read carries nothing else");
        tinyResponse.Results.Select(static r => r.Deferred).Should().Equal([false, true], "the first answer goes out whatever its size");
    }

    [Fact]
    public async Task ReadBatch_Empty_NoResults()
    {
        var response = await Client.ReadBatchAsync(new ReadBatchRequest());

        response.Results.Should().BeEmpty();
    }

    private static ReadRequest Request(string key) => new() { TenantId = "t", Key = key };

    /// <summary>What the single Read call answers for the key, as a batch result would carry it.</summary>
    private async Task<ReadResult> ExpectedFor(string key)
    {
        try
        {
            return new ReadResult { Response = await Client.ReadAsync(Request(key)) };
        }
        catch (RpcException ex)
        {
            return new ReadResult { StatusCode = (int)ex.StatusCode, StatusMessage = ex.Status.Detail };
        }
    }

    private Task<WriteResponse> Write(string key, Protocol.Storage.Version version) =>
        Client.WriteAsync(new WriteRequest { TenantId = "t", Key = key, Version = version }).ResponseAsync;
}
