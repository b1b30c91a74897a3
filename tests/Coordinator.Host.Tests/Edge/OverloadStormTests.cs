using FluentAssertions;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using PairDb.Coordinator.Tests.Infrastructure;
using PairDb.Protocol.Coordinator;
using Xunit.Abstractions;

namespace PairDb.Coordinator.Tests.Edge;

/// <summary>
/// A storm of 100 loopback connections with 100 concurrent calls each (half writes, half reads of a few hundred keys):
/// every call ends OK or RESOURCE_EXHAUSTED, and this process's memory stays bounded; with the default queue of calls
/// to each storage node, and with one smaller than the storm, so that overload is certain. Runs alone, so the peak
/// working set measured is the storm's.
/// </summary>
[Collection(AloneCollection.Name)]
public sealed class OverloadStormTests(ITestOutputHelper output)
{
    private const int Connections = 100;
    private const int StreamsPerConnection = 100;
    private const int Keys = 256;

    /// <summary>
    /// Most the storm may add to this process's working set (the coordinator, its three storage nodes and the clients);
    /// 170-300 MiB measured on 2 cores.
    /// </summary>
    private const long MaxGrowthBytes = 768L * 1024 * 1024;

    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan StormBound = TimeSpan.FromMinutes(5);

    [Theory]
    [InlineData(256)]
    [InlineData(4096)]
    public async Task Storm_100ConnectionsBy100Streams_EveryCallOkOrResourceExhausted(int replicaMaxQueued)
    {
        await using var coordinator = await InProcessCoordinator.StartAsync(configure: o => o with { ReplicaMaxQueued = replicaMaxQueued });
        await WriteKeysAsync(coordinator.Client);
        var channels = Enumerable.Range(0, Connections).Select(_ => OwnConnection(coordinator.Address)).ToArray();
        try
        {
            var before = Environment.WorkingSet;
            using var memory = new PeakWorkingSet();

            var statuses = await Task.WhenAll(channels.SelectMany((channel, c) => Enumerable.Range(0, StreamsPerConnection)
                .Select(i => CallAsync(new CoordinatorService.CoordinatorServiceClient(channel), (c * StreamsPerConnection) + i))))
                .WaitAsync(StormBound);

            var counts = statuses.GroupBy(static s => s).ToDictionary(static g => g.Key, static g => g.Count());
            output.WriteLine($"statuses: {string.Join(", ", counts.Select(static p => $"{p.Key} {p.Value}"))}; working set {before / (1024 * 1024)} MiB before, peak {memory.PeakBytes / (1024 * 1024)} MiB");
            counts.Keys.Should().OnlyContain(static s => s == StatusCode.OK || s == StatusCode.ResourceExhausted);
            (memory.PeakBytes - before).Should().BeLessThan(MaxGrowthBytes);
        }
        finally
        {
            foreach (var channel in channels)
            {
                channel.Dispose();
            }
        }
    }

    private static async Task WriteKeysAsync(CoordinatorService.CoordinatorServiceClient client)
    {
        for (var first = 0; first < Keys; first += 16)
        {
            await Task.WhenAll(Enumerable.Range(first, 16).Select(k => client.WriteKeyValueAsync(Write(k), deadline: DateTime.UtcNow + CallTimeout).ResponseAsync));
        }
    }

    private static WriteKeyValueRequest Write(int key) =>
        new() { TenantId = "default", Key = "storm-" + key, Value = ByteString.CopyFromUtf8("value-" + key) };

    /// <summary>Even calls write, odd calls read; the status the call ended with.</summary>
    private static async Task<StatusCode> CallAsync(CoordinatorService.CoordinatorServiceClient client, int call)
    {
        try
        {
            var deadline = DateTime.UtcNow + CallTimeout;
            if (call % 2 == 0)
            {
                await client.WriteKeyValueAsync(Write(call % Keys), deadline: deadline);
            }
            else
            {
                await client.ReadKeyValueAsync(new ReadKeyValueRequest { TenantId = "default", Key = "storm-" + (call % Keys) }, deadline: deadline);
            }

            return StatusCode.OK;
        }
        catch (RpcException ex)
        {
            return ex.StatusCode;
        }
    }

    /// <summary>A channel over its own HTTP/2 connection (channels share none), to loopback only.</summary>
    private static GrpcChannel OwnConnection(string address) => GrpcChannel.ForAddress(
        address,
        new GrpcChannelOptions { HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = false }, DisposeHttpClient = true });
}
