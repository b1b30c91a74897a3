using System.Text.RegularExpressions;
using FluentAssertions;
using Grpc.Core;
using PairDb.Coordinator.Tests.Infrastructure;
using PairDb.Protocol.Coordinator;

namespace PairDb.Coordinator.Tests.Edge;

/// <summary>When replicas fail, the client's status message says why each one failed, on reads and on writes.</summary>
public sealed class ReplicaFailureReasonTests
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ReadKeyValue_StorageNodesStopped_MessageCarriesEachReplicaReason()
    {
        await using var coordinator = await StartWithStoppedStorageAsync();

        var error = await FluentActions.Awaiting(() => coordinator.Client.ReadKeyValueAsync(
                new ReadKeyValueRequest { TenantId = "default", Key = "k" }, deadline: DateTime.UtcNow + CallTimeout).ResponseAsync)
            .Should().ThrowAsync<RpcException>();

        error.Which.StatusCode.Should().Be(StatusCode.Unavailable);
        ShouldNameFailedReplicas(error.Which.Status.Detail);
    }

    [Fact]
    public async Task WriteKeyValue_StorageNodesStopped_MessageCarriesEachReplicaReason()
    {
        await using var coordinator = await StartWithStoppedStorageAsync();

        var error = await FluentActions.Awaiting(() => coordinator.Client.WriteKeyValueAsync(
                new WriteKeyValueRequest { TenantId = "default", Key = "k", Value = Google.Protobuf.ByteString.CopyFromUtf8("v") },
                deadline: DateTime.UtcNow + CallTimeout).ResponseAsync)
            .Should().ThrowAsync<RpcException>();

        error.Which.StatusCode.Should().Be(StatusCode.Unavailable);
        ShouldNameFailedReplicas(error.Which.Status.Detail);
    }

    /// <summary>The quorum fails at the second failure (2 of 3 required), so two replicas are named with their status.</summary>
    private static void ShouldNameFailedReplicas(string detail) =>
        Regex.Matches(detail, @"storage-\d UNAVAILABLE: ").Should().HaveCount(2, detail);

    /// <summary>
    /// A coordinator whose embedded storage nodes are stopped; probes are far apart, so the ring still holds them
    /// active and every call reaches them and fails.
    /// </summary>
    private static async Task<InProcessCoordinator> StartWithStoppedStorageAsync()
    {
        var coordinator = await InProcessCoordinator.StartAsync(configure: static o => o with { ProbeInterval = TimeSpan.FromHours(1) });
        await coordinator.Runtime.Embedded!.DisposeAsync();
        return coordinator;
    }
}
