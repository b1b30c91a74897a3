using FluentAssertions;
using Google.Protobuf;
using Grpc.Core;
using PairDb.Coordinator.Tests.Infrastructure;
using PairDb.Protocol.Coordinator;

namespace PairDb.Coordinator.Tests.Edge;

/// <summary>Deletes with a condition or a causal context, over the wire to an in-process coordinator.</summary>
public sealed class ConditionalDeleteTests
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task DeleteKeyValue_IfClockStaleThenCurrent_OnlyTheCurrentClockDeletes()
    {
        // Arrange
        await using var coordinator = await InProcessCoordinator.StartAsync();
        var first = await WriteAsync(coordinator, "doc", "v1");
        var second = await WriteAsync(coordinator, "doc", "v2");

        // Act
        var stale = async () => await coordinator.Client.DeleteKeyValueAsync(
            new DeleteKeyValueRequest { TenantId = "default", Key = "doc", IfClock = first.VectorClock }, deadline: Deadline());
        var error = (await stale.Should().ThrowAsync<RpcException>()).Which;
        await coordinator.Client.DeleteKeyValueAsync(
            new DeleteKeyValueRequest { TenantId = "default", Key = "doc", IfClock = second.VectorClock }, deadline: Deadline());

        // Assert
        error.StatusCode.Should().Be(StatusCode.FailedPrecondition);
        error.GetRpcStatus()!.Details.Single().Unpack<WriteConditionFailed>().CurrentClock.Should().Be(second.VectorClock);
        var read = async () => await coordinator.Client.ReadKeyValueAsync(new ReadKeyValueRequest { TenantId = "default", Key = "doc" }, deadline: Deadline());
        (await read.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.NotFound);
    }

    [Fact]
    public async Task DeleteKeyValue_StaleContext_TheNewerWriteSurvivesBesideTheTombstone()
    {
        // Arrange
        await using var coordinator = await InProcessCoordinator.StartAsync();
        var first = await WriteAsync(coordinator, "doc", "v1");
        var second = await WriteAsync(coordinator, "doc", "v2");

        // Act
        var deleted = await coordinator.Client.DeleteKeyValueAsync(
            new DeleteKeyValueRequest { TenantId = "default", Key = "doc", Context = first.VectorClock }, deadline: Deadline());

        // Assert: the delete covered only v1. The tombstone wins last-write-wins, so the key reads as not found, but v2
        // was written since the context and stands beside it: the key's current clock is the merge of both, which a
        // condition on the tombstone's clock alone reveals.
        var read = async () => await coordinator.Client.ReadKeyValueAsync(new ReadKeyValueRequest { TenantId = "default", Key = "doc" }, deadline: Deadline());
        (await read.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.NotFound);
        var probe = async () => await coordinator.Client.WriteKeyValueAsync(
            new WriteKeyValueRequest { TenantId = "default", Key = "doc", Value = ByteString.CopyFromUtf8("v3"), IfClock = deleted.VectorClock }, deadline: Deadline());
        var current = (await probe.Should().ThrowAsync<RpcException>()).Which.GetRpcStatus()!.Details.Single().Unpack<WriteConditionFailed>();
        current.Exists.Should().BeFalse();
        var entries = current.CurrentClock.Entries.Select(static e => (e.CoordinatorNodeId, e.LogicalTimestamp)).ToList();
        entries.Should().BeEquivalentTo(
            deleted.VectorClock.Entries.Concat(second.VectorClock.Entries)
                .GroupBy(static e => e.CoordinatorNodeId)
                .Select(static g => (g.Key, g.Max(static e => e.LogicalTimestamp))));
        current.CurrentClock.Should().NotBe(deleted.VectorClock);
    }

    private static async Task<WriteKeyValueResponse> WriteAsync(InProcessCoordinator coordinator, string key, string value) =>
        await coordinator.Client.WriteKeyValueAsync(
            new WriteKeyValueRequest { TenantId = "default", Key = key, Value = ByteString.CopyFromUtf8(value) }, deadline: Deadline());

    private static DateTime Deadline() => DateTime.UtcNow + CallTimeout;
}
