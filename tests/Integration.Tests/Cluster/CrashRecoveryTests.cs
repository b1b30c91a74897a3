using System.Collections.Concurrent;
using FluentAssertions;
using Grpc.Core;

namespace PairDb.Integration.Tests.Cluster;

/// <summary>Every process of the cluster SIGKILLed mid-load, then restarted: nothing acknowledged is lost.</summary>
public sealed class CrashRecoveryTests
{
    private const int Acknowledged = 300;

    [Fact]
    public async Task KillEverything_AfterAcknowledgedQuorumWrites_AllReadableAfterRestart()
    {
        await using var cluster = await ClusterHarness.StartAsync(storageNodes: 3, coordinators: 1);
        var coordinator = cluster.Coordinator();
        var acked = new ConcurrentDictionary<string, string>();
        using var stop = new CancellationTokenSource();
        var next = -1;
        var writers = Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var key = "crash-" + Interlocked.Increment(ref next);
                try
                {
                    await Kv.WriteAsync(coordinator, key, "value-" + key);
                    acked[key] = "value-" + key;
                }
                catch (RpcException)
                {
                    // Unacknowledged writes (the crash cuts them off) promise nothing.
                }
            }
        })).ToArray();

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (acked.Count < Acknowledged && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        cluster.KillAll();
        await stop.CancelAsync();
        await Task.WhenAll(writers).WaitAsync(TimeSpan.FromSeconds(30));
        acked.Count.Should().BeGreaterThanOrEqualTo(Acknowledged, cluster.Logs());

        await cluster.RestartAllAsync();
        foreach (var (key, value) in acked)
        {
            (await Kv.ReadAsync(coordinator, key)).Value.ToStringUtf8().Should().Be(value);
        }
    }
}
