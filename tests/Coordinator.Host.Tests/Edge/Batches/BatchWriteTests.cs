using FluentAssertions;
using Google.Protobuf;
using Grpc.Core;
using PairDb.Protocol.Coordinator;

namespace PairDb.Coordinator.Tests.Edge.Batches;

/// <summary>BatchWrite over the wire against a real coordinator: each item answered on its own, whole-call refusals change nothing.</summary>
public sealed class BatchWriteTests : IClassFixture<BatchCoordinator>
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);
    private readonly CoordinatorService.CoordinatorServiceClient _client;

    public BatchWriteTests(BatchCoordinator coordinator) => _client = coordinator.Client;

    [Fact]
    public async Task BatchWrite_ThenBatchRead_ValuesByteExactInRequestOrder()
    {
        // Arrange: bytes that are not UTF-8, an empty value and a value at the limit.
        var values = new[] { new byte[] { 0x00, 0xff, 0x10, 0x0a }, [], Enumerable.Range(0, BatchCoordinator.MaxValueBytes / 2).Select(static i => (byte)i).ToArray() };
        var keys = new[] { "exact/c", "exact/a", "exact/b" };
        var request = new BatchWriteRequest { TenantId = "default", Consistency = "all" };
        for (var i = 0; i < keys.Length; i++)
        {
            request.Items.Add(new BatchWriteItem { Key = keys[i], Value = ByteString.CopyFrom(values[i]) });
        }

        // Act
        var written = await _client.BatchWriteAsync(request, deadline: Deadline());
        var read = await _client.BatchReadAsync(new BatchReadRequest { TenantId = "default", Keys = { keys }, Consistency = "all" }, deadline: Deadline());

        // Assert
        written.Results.Select(static r => r.Key).Should().Equal(keys);
        written.Results.Should().AllSatisfy(static r =>
        {
            r.Status.Code.Should().Be((int)StatusCode.OK, r.Status.Message);
            r.Response.Success.Should().BeTrue();
            r.Response.ReplicaCount.Should().Be(3);
            r.Response.Consistency.Should().Be("all");
            r.Response.IdempotencyKey.Should().NotBeEmpty("the coordinator generates one per item");
            r.Response.VectorClock.Entries.Should().ContainSingle().Which.LogicalTimestamp.Should().Be(1);
        });
        read.Results.Select(static r => r.Key).Should().Equal(keys);
        for (var i = 0; i < keys.Length; i++)
        {
            read.Results[i].Status.Code.Should().Be((int)StatusCode.OK, read.Results[i].Status.Message);
            read.Results[i].Response.Value.ToByteArray().Should().Equal(values[i]);
            read.Results[i].Response.VectorClock.Should().Be(written.Results[i].Response.VectorClock);
        }
    }

    [Fact]
    public async Task BatchWrite_ValidAndInvalidItems_EachAnsweredOnItsOwn()
    {
        // Arrange
        var clock = new VectorClock { Entries = { new VectorClockEntry { CoordinatorNodeId = "c", LogicalTimestamp = 1 } } };
        var request = new BatchWriteRequest
        {
            TenantId = "default",
            Items =
            {
                new BatchWriteItem { Key = "mixed/ok-1", Value = ByteString.CopyFromUtf8("one") },
                new BatchWriteItem { Key = string.Empty, Value = ByteString.CopyFromUtf8("no key") },
                new BatchWriteItem { Key = "mixed/too-large", Value = ByteString.CopyFrom(new byte[BatchCoordinator.MaxValueBytes + 1]) },
                new BatchWriteItem { Key = "mixed/delete-with-value", Value = ByteString.CopyFromUtf8("x"), Delete = true },
                new BatchWriteItem { Key = "mixed/two-conditions", Value = ByteString.CopyFromUtf8("x"), IfClock = clock, IfAbsent = true },
                new BatchWriteItem { Key = "mixed/long-idempotency-key", Value = ByteString.CopyFromUtf8("x"), IdempotencyKey = new string('i', 257) },
                new BatchWriteItem { Key = "mixed/negative-ttl", Value = ByteString.CopyFromUtf8("x"), TtlMs = -1 },
                new BatchWriteItem { Key = "mixed/ok-2", Value = ByteString.CopyFromUtf8("two") },
            },
        };

        // Act
        var response = await _client.BatchWriteAsync(request, deadline: Deadline());

        // Assert
        response.Results.Select(static r => r.Key).Should().Equal(request.Items.Select(static i => i.Key));
        var codes = response.Results.Select(static r => (StatusCode)r.Status.Code).ToArray();
        codes.Should().Equal(
            StatusCode.OK, StatusCode.InvalidArgument, StatusCode.InvalidArgument, StatusCode.InvalidArgument, StatusCode.InvalidArgument,
            StatusCode.InvalidArgument, StatusCode.InvalidArgument, StatusCode.OK);
        response.Results[1].Status.Message.Should().Contain("key must be 1..1024 bytes");
        response.Results[2].Status.Message.Should().Contain("value must be at most 65536 bytes");
        response.Results[3].Status.Message.Should().Contain("value must be empty when delete is set");
        response.Results[4].Status.Message.Should().Contain("At most one of context, if_clock and if_absent");
        response.Results[5].Status.Message.Should().Contain("idempotency_key must be at most 256 bytes");
        response.Results[6].Status.Message.Should().Contain("ttl_ms");
        response.Results.Where(static r => r.Status.Code != 0).Should().AllSatisfy(static r => r.Response.Should().BeNull());
        (await ReadTextAsync("mixed/ok-1")).Should().Be("one");
        (await ReadTextAsync("mixed/ok-2")).Should().Be("two");
        (await ReadCodeAsync("mixed/too-large")).Should().Be(StatusCode.NotFound, "an invalid item writes nothing");
    }

    [Fact]
    public async Task BatchWrite_Deletes_TombstonesWrittenAndKeysReadNotFound()
    {
        // Arrange
        await _client.BatchWriteAsync(
            new BatchWriteRequest { TenantId = "default", Items = { Put("del/a", "a"), Put("del/b", "b"), Put("del/keep", "keep") } }, deadline: Deadline());

        // Act
        var deleted = await _client.BatchWriteAsync(
            new BatchWriteRequest
            {
                TenantId = "default",
                Items = { new BatchWriteItem { Key = "del/a", Delete = true }, new BatchWriteItem { Key = "del/b", Delete = true }, new BatchWriteItem { Key = "del/never-written", Delete = true } },
            },
            deadline: Deadline());

        // Assert
        deleted.Results.Should().AllSatisfy(static r => r.Status.Code.Should().Be((int)StatusCode.OK, r.Status.Message));
        deleted.Results[0].Response.VectorClock.Entries.Should().ContainSingle().Which.LogicalTimestamp.Should().Be(2, "the tombstone follows the write");
        (await ReadCodeAsync("del/a")).Should().Be(StatusCode.NotFound);
        (await ReadCodeAsync("del/b")).Should().Be(StatusCode.NotFound);
        (await ReadTextAsync("del/keep")).Should().Be("keep");
    }

    [Fact]
    public async Task BatchWrite_ConditionsHoldOrNot_FailedItemCarriesTheCurrentClockOthersApplied()
    {
        // Arrange
        var existing = await _client.BatchWriteAsync(new BatchWriteRequest { TenantId = "default", Items = { Put("cond/taken", "first") } }, deadline: Deadline());
        var current = existing.Results[0].Response.VectorClock;

        // Act
        var response = await _client.BatchWriteAsync(
            new BatchWriteRequest
            {
                TenantId = "default",
                Items =
                {
                    new BatchWriteItem { Key = "cond/taken", Value = ByteString.CopyFromUtf8("second"), IfAbsent = true },
                    new BatchWriteItem { Key = "cond/free", Value = ByteString.CopyFromUtf8("new"), IfAbsent = true },
                },
            },
            deadline: Deadline());
        var replaced = await _client.BatchWriteAsync(
            new BatchWriteRequest { TenantId = "default", Items = { new BatchWriteItem { Key = "cond/taken", Value = ByteString.CopyFromUtf8("third"), IfClock = current } } },
            deadline: Deadline());

        // Assert
        var failed = response.Results[0].Status;
        failed.Code.Should().Be((int)StatusCode.FailedPrecondition, failed.Message);
        failed.ConditionFailed.Exists.Should().BeTrue();
        failed.ConditionFailed.CurrentClock.Should().Be(current);
        response.Results[1].Status.Code.Should().Be((int)StatusCode.OK, response.Results[1].Status.Message);
        replaced.Results[0].Status.Code.Should().Be((int)StatusCode.OK, replaced.Results[0].Status.Message);
        (await ReadTextAsync("cond/taken")).Should().Be("third");
        (await ReadTextAsync("cond/free")).Should().Be("new");
    }

    [Fact]
    public async Task BatchWrite_SameIdempotencyKeyAgain_ItemIsDuplicate()
    {
        var request = new BatchWriteRequest { TenantId = "default", Items = { new BatchWriteItem { Key = "idem/k", Value = ByteString.CopyFromUtf8("v"), IdempotencyKey = "batch-req-1" } } };

        var first = await _client.BatchWriteAsync(request, deadline: Deadline());
        var again = await _client.BatchWriteAsync(request, deadline: Deadline());

        first.Results[0].Response.IsDuplicate.Should().BeFalse();
        again.Results[0].Response.IsDuplicate.Should().BeTrue();
        again.Results[0].Response.VectorClock.Should().Be(first.Results[0].Response.VectorClock);
    }

    [Fact]
    public async Task BatchWrite_MoreItemsThanTheBound_InvalidArgumentAndNothingWritten()
    {
        var request = new BatchWriteRequest { TenantId = "default" };
        request.Items.AddRange(Enumerable.Range(0, BatchCoordinator.MaxBatchKeys + 1).Select(static i => Put($"over/{i}", "v")));

        var error = await CallFailsAsync(() => _client.BatchWriteAsync(request, deadline: Deadline()).ResponseAsync);

        error.StatusCode.Should().Be(StatusCode.InvalidArgument);
        error.Status.Detail.Should().Contain("items holds 11 items").And.Contain("at most 10 (limits.max_batch_keys)");
        (await ReadCodeAsync("over/0")).Should().Be(StatusCode.NotFound);
    }

    [Fact]
    public async Task BatchWrite_KeyTwice_InvalidArgumentNamingBothItemsAndNothingWritten()
    {
        var request = new BatchWriteRequest { TenantId = "default", Items = { Put("dup/a", "1"), Put("dup/b", "2"), Put("dup/a", "3") } };

        var error = await CallFailsAsync(() => _client.BatchWriteAsync(request, deadline: Deadline()).ResponseAsync);

        error.StatusCode.Should().Be(StatusCode.InvalidArgument);
        error.Status.Detail.Should().Contain("items[2].key names the same key as items[0].key");
        (await ReadCodeAsync("dup/b")).Should().Be(StatusCode.NotFound);
    }

    [Theory]
    [InlineData("no-such-tenant", "", StatusCode.NotFound, "Tenant 'no-such-tenant' not found")]
    [InlineData("bad:tenant", "", StatusCode.InvalidArgument, "tenant_id must not contain ':'")]
    [InlineData("default", "most", StatusCode.InvalidArgument, "consistency must be one, quorum or all")]
    public async Task BatchWrite_BadCall_RefusedAsAWhole(string tenant, string consistency, StatusCode code, string message)
    {
        var request = new BatchWriteRequest { TenantId = tenant, Consistency = consistency, Items = { Put("whole/k", "v") } };

        var error = await CallFailsAsync(() => _client.BatchWriteAsync(request, deadline: Deadline()).ResponseAsync);

        error.StatusCode.Should().Be(code);
        error.Status.Detail.Should().Contain(message);
    }

    [Fact]
    public async Task BatchWrite_NoItems_InvalidArgument()
    {
        var error = await CallFailsAsync(() => _client.BatchWriteAsync(new BatchWriteRequest { TenantId = "default" }, deadline: Deadline()).ResponseAsync);

        error.StatusCode.Should().Be(StatusCode.InvalidArgument);
        error.Status.Detail.Should().Be("items must hold at least one item.");
    }

    private static BatchWriteItem Put(string key, string value) => new() { Key = key, Value = ByteString.CopyFromUtf8(value) };

    private static DateTime Deadline() => DateTime.UtcNow + CallTimeout;

    private static async Task<RpcException> CallFailsAsync(Func<Task> call) =>
        (await FluentActions.Awaiting(call).Should().ThrowAsync<RpcException>()).Which;

    private async Task<string> ReadTextAsync(string key) =>
        (await _client.ReadKeyValueAsync(new ReadKeyValueRequest { TenantId = "default", Key = key, Consistency = "all" }, deadline: Deadline())).Value.ToStringUtf8();

    private async Task<StatusCode> ReadCodeAsync(string key)
    {
        try
        {
            await _client.ReadKeyValueAsync(new ReadKeyValueRequest { TenantId = "default", Key = key, Consistency = "all" }, deadline: Deadline());
            return StatusCode.OK;
        }
        catch (RpcException ex)
        {
            return ex.StatusCode;
        }
    }
}
