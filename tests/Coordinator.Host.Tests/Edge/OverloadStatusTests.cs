using System.Globalization;
using FluentAssertions;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using PairDb.Coordinator.Tests.Infrastructure;
using PairDb.Coordinator.Tests.Stores;
using PairDb.Messages.Values;
using PairDb.Protocol.Coordinator;
using PairDb.Storage.Hosting;

namespace PairDb.Coordinator.Tests.Edge;

/// <summary>
/// Overload on the way to the storage nodes reaches the client as RESOURCE_EXHAUSTED with a retry-after-ms trailer,
/// never as UNAVAILABLE: the coordinator's queue of calls to each storage node, or a storage node's own write queue, is
/// made tiny so bursts overflow it.
/// </summary>
public sealed class OverloadStatusTests
{
    private const int Burst = 64;
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task WriteKeyValue_StorageNodeQueueFull_ResourceExhaustedWithRetryAfter()
    {
        await using var coordinator = await StartTinyQueuesAsync();

        var failures = await BurstUntilRefusedAsync(round => Enumerable.Range(0, Burst).Select(i => coordinator.Client.WriteKeyValueAsync(
            new WriteKeyValueRequest { TenantId = "default", Key = $"w-{round}-{i}", Value = ByteString.CopyFromUtf8("v") },
            deadline: DateTime.UtcNow + CallTimeout).ResponseAsync));

        AssertOverloaded(failures);
    }

    [Fact]
    public async Task ReadKeyValue_StorageNodeQueueFull_ResourceExhaustedWithRetryAfter()
    {
        await using var coordinator = await StartTinyQueuesAsync();
        await coordinator.Client.WriteKeyValueAsync(
            new WriteKeyValueRequest { TenantId = "default", Key = "r", Value = ByteString.CopyFromUtf8("v") }, deadline: DateTime.UtcNow + CallTimeout);

        var failures = await BurstUntilRefusedAsync(_ => Enumerable.Range(0, Burst).Select(_ => coordinator.Client.ReadKeyValueAsync(
            new ReadKeyValueRequest { TenantId = "default", Key = "r" }, deadline: DateTime.UtcNow + CallTimeout).ResponseAsync));

        AssertOverloaded(failures);
    }

    [Fact]
    public async Task WriteKeyValue_StorageNodeWriteQueueFull_ResourceExhaustedWithRetryAfter()
    {
        using var data = new TestDirectory();
        await using var node = await StorageNodeServer.StartAsync(new StorageNodeOptions
        {
            NodeId = "storage-q", BindAddress = "127.0.0.1", ServerPort = 0, HealthPort = null, DataDir = data.Path,
            HandleStopSignals = false, LogLevel = LogLevel.Warning, WriteQueueCapacity = 1,
        });
        await using var coordinator = await InProcessCoordinator.StartAsync(configure: o => o with
        {
            EmbeddedStorageNodes = 0,
            StorageNodes = [new StorageNode("storage-q", "127.0.0.1", node.Port, 150, StorageNodeStatus.Active)],
            DefaultReplicationFactor = 1,

            // Calls go out alone, so the storage node's queue, not the coordinator's, is what overflows.
            ReplicaMaxInFlight = Burst,
        });

        var failures = await BurstUntilRefusedAsync(round => Enumerable.Range(0, Burst).Select(i => coordinator.Client.WriteKeyValueAsync(
            new WriteKeyValueRequest { TenantId = "default", Key = $"q-{round}-{i}", Value = ByteString.CopyFromUtf8("v") },
            deadline: DateTime.UtcNow + CallTimeout).ResponseAsync));

        AssertOverloaded(failures);
        failures.Should().Contain(static f => f.Status.Detail.Contains("write queue is full", StringComparison.Ordinal));
    }

    private static Task<InProcessCoordinator> StartTinyQueuesAsync() =>
        InProcessCoordinator.StartAsync(configure: static o => o with { ReplicaMaxInFlight = 1, ReplicaMaxQueued = 1 });

    /// <summary>Sends bursts of concurrent calls until one is refused (bounded in time); returns every failure of that burst.</summary>
    private static async Task<List<RpcException>> BurstUntilRefusedAsync<T>(Func<int, IEnumerable<Task<T>>> burst)
    {
        var until = DateTime.UtcNow + Bound;
        for (var round = 0; DateTime.UtcNow < until; round++)
        {
            var calls = burst(round).ToArray();
            var failures = new List<RpcException>();
            foreach (var call in calls)
            {
                try
                {
                    await call;
                }
                catch (RpcException ex)
                {
                    failures.Add(ex);
                }
            }

            if (failures.Count > 0)
            {
                return failures;
            }
        }

        throw new TimeoutException($"No call was refused within {Bound}.");
    }

    private static void AssertOverloaded(List<RpcException> failures)
    {
        foreach (var failure in failures)
        {
            failure.StatusCode.Should().Be(StatusCode.ResourceExhausted, failure.Status.Detail);
            var retryAfter = failure.Trailers.GetValue("retry-after-ms");
            retryAfter.Should().NotBeNull("an overloaded call says when to retry");
            int.Parse(retryAfter!, CultureInfo.InvariantCulture).Should().BePositive();
        }
    }
}
