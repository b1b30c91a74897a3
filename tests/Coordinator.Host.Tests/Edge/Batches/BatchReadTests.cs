using FluentAssertions;
using Google.Protobuf;
using Grpc.Core;
using PairDb.Protocol.Coordinator;

namespace PairDb.Coordinator.Tests.Edge.Batches;

/// <summary>BatchRead over the wire against a real coordinator: found, missing and invalid keys each answered on their own.</summary>
public sealed class BatchReadTests : IClassFixture<BatchCoordinator>
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);
    private readonly CoordinatorService.CoordinatorServiceClient _client;

    public BatchReadTests(BatchCoordinator coordinator) => _client = coordinator.Client;

    [Fact]
    public async Task BatchRead_PresentMissingAndInvalidKeys_EachAnsweredOnItsOwnInRequestOrder()
    {
        // Arrange
        await WriteAsync("read/present-1", "one");
        await WriteAsync("read/present-2", "two");
        var keys = new[] { "read/present-2", "read/missing", string.Empty, "read/present-1" };

        // Act
        var response = await _client.BatchReadAsync(new BatchReadRequest { TenantId = "default", Keys = { keys } }, deadline: Deadline());

        // Assert
        response.Results.Select(static r => r.Key).Should().Equal(keys);
        response.Results.Select(static r => (StatusCode)r.Status.Code).Should().Equal(StatusCode.OK, StatusCode.NotFound, StatusCode.InvalidArgument, StatusCode.OK);
        response.Results[0].Response.Value.ToStringUtf8().Should().Be("two");
        response.Results[3].Response.Value.ToStringUtf8().Should().Be("one");
        response.Results[1].Status.Message.Should().Be("Key 'read/missing' not found in tenant 'default'.", "the single call's message");
        response.Results[2].Status.Message.Should().Contain("key must be 1..1024 bytes");
        response.Results[1].Response.Should().BeNull();
        response.Results[0].Response.TimestampMicros.Should().BePositive();
    }

    [Fact]
    public async Task BatchRead_AnswerPastItsBound_LaterFoundKeysResourceExhaustedWithRetryAfter()
    {
        // Arrange: the answer bound is 4 x 128 KiB - 64 KiB = 448 KiB; seven 60,000-byte values fit, the eighth does not.
        var value = new string('v', 60_000);
        var keys = Enumerable.Range(0, 9).Select(static i => $"big/{i}").ToArray();
        foreach (var key in keys)
        {
            await WriteAsync(key, value);
        }

        // Act
        var response = await _client.BatchReadAsync(new BatchReadRequest { TenantId = "default", Keys = { keys } }, deadline: Deadline());

        // Assert
        response.Results.Take(7).Should().AllSatisfy(static r => r.Status.Code.Should().Be((int)StatusCode.OK, r.Status.Message));
        response.Results.Skip(7).Should().AllSatisfy(static r =>
        {
            r.Status.Code.Should().Be((int)StatusCode.ResourceExhausted);
            r.Status.Message.Should().Contain("read it alone or in a later batch");
            r.Status.RetryAfterMs.Should().Be(200, "requests.retry_after_ms, as the single call's trailer");
            r.Response.Should().BeNull();
        });
    }

    [Fact]
    public async Task BatchRead_MoreKeysThanTheBound_InvalidArgument()
    {
        var request = new BatchReadRequest { TenantId = "default", Keys = { Enumerable.Range(0, BatchCoordinator.MaxBatchKeys + 1).Select(static i => $"k{i}") } };

        var error = await CallFailsAsync(() => _client.BatchReadAsync(request, deadline: Deadline()).ResponseAsync);

        error.StatusCode.Should().Be(StatusCode.InvalidArgument);
        error.Status.Detail.Should().Contain("keys holds 11 items");
    }

    [Fact]
    public async Task BatchRead_KeyTwice_InvalidArgumentNamingBoth()
    {
        var error = await CallFailsAsync(() => _client.BatchReadAsync(
            new BatchReadRequest { TenantId = "default", Keys = { "a", "b", "c", "b" } }, deadline: Deadline()).ResponseAsync);

        error.StatusCode.Should().Be(StatusCode.InvalidArgument);
        error.Status.Detail.Should().Contain("keys[3] names the same key as keys[1]");
    }

    [Fact]
    public async Task BatchRead_UnknownTenant_NotFound()
    {
        var error = await CallFailsAsync(() => _client.BatchReadAsync(
            new BatchReadRequest { TenantId = "no-such-tenant", Keys = { "a" } }, deadline: Deadline()).ResponseAsync);

        error.StatusCode.Should().Be(StatusCode.NotFound);
        error.Status.Detail.Should().Be("Tenant 'no-such-tenant' not found.");
    }

    [Fact]
    public async Task BatchRead_NoKeys_InvalidArgument()
    {
        var error = await CallFailsAsync(() => _client.BatchReadAsync(new BatchReadRequest { TenantId = "default" }, deadline: Deadline()).ResponseAsync);

        error.StatusCode.Should().Be(StatusCode.InvalidArgument);
        error.Status.Detail.Should().Be("keys must hold at least one item.");
    }

    private static DateTime Deadline() => DateTime.UtcNow + CallTimeout;

    private static async Task<RpcException> CallFailsAsync(Func<Task> call) =>
        (await FluentActions.Awaiting(call).Should().ThrowAsync<RpcException>()).Which;

    private async Task WriteAsync(string key, string value) =>
        await _client.WriteKeyValueAsync(
            new WriteKeyValueRequest { TenantId = "default", Key = key, Value = ByteString.CopyFromUtf8(value), Consistency = "all" }, deadline: Deadline());
}
