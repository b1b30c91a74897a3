using System.Globalization;
using System.Net;
using FluentAssertions;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using PairDb.Integration.Tests.Cluster;
using PairDb.Protocol.Coordinator;
using PairDb.Protocol.Storage;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;
using StorageVersion = PairDb.Protocol.Storage.Version;

namespace PairDb.Integration.Tests.Lifecycle;

/// <summary>
/// SIGTERM to a real process under load from 64 concurrent writers: every call ends either OK or UNAVAILABLE because
/// it was refused by the drain gate or could not connect once the server stopped listening; the process exits with
/// code 0; after a restart every acknowledged write reads back.
/// Deadlines: every call carries a 10 s deadline and the servers run with the default 15 s shutdown timeout. A call
/// that neither finishes nor is refused during the drain therefore ends DEADLINE_EXCEEDED, which fails the test,
/// before the server's shutdown timeout could cut it off and disguise the hang as a transport error; a call cut off
/// in flight (stream reset, connection lost after sending) or failed by the server itself (quorum lost because
/// storage went first, engine closed early) fails it too. The process must exit within the shutdown timeout plus 30 s
/// of teardown; it normally exits within a second or two.
/// </summary>
public sealed class GracefulShutdownTests
{
    private const int Writers = 64;
    private const int AcknowledgedBeforeSignal = 300;
    private static readonly TimeSpan CallDeadline = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan ExitWithin = TimeSpan.FromSeconds(15 + 30);
    private static readonly TimeSpan StartWithin = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Sigterm_CoordinatorUnderLoad_CallsEndOkOrRefusedExitZeroAndAcknowledgedWritesSurvive()
    {
        await using var cluster = await ClusterHarness.StartAsync(storageNodes: 3, coordinators: 1);
        var coordinator = cluster.Coordinator();

        // Health follows readiness, re-read every second: serving soon after the first call succeeds.
        await WaitServingAsync(cluster.CoordinatorProcess(), coordinator);
        (await CheckAsync(coordinator, CoordinatorService.Descriptor.FullName)).Should().Be(ServingStatus.Serving);
        var load = WriteLoad.Start(Writers, "coordinator", (key, value) => WriteThroughCoordinatorAsync(coordinator, key, value));
        await load.WaitForAcknowledgedAsync(AcknowledgedBeforeSignal, StartWithin);

        var process = cluster.CoordinatorProcess();
        process.Terminate();
        var exitCode = await process.WaitForExitAsync(ExitWithin);
        await load.StopAsync(TimeSpan.FromSeconds(30));

        AssertGracefulStop(exitCode, load, cluster.Logs());
        await cluster.StartStoppedAsync();
        await ReadBackThroughCoordinatorAsync(coordinator, load.Acknowledged);
    }

    [Fact]
    public async Task Sigterm_StorageNodeUnderLoad_CallsEndOkOrRefusedExitZeroAndAcknowledgedWritesSurvive()
    {
        await using var cluster = await ClusterHarness.StartAsync(storageNodes: 1, coordinators: 0);
        var storage = cluster.Storage(0);
        (await CheckAsync(storage, StorageNodeService.Descriptor.FullName)).Should().Be(ServingStatus.Serving);
        var load = WriteLoad.Start(Writers, "storage", (key, value) => WriteToStorageAsync(storage, key, value));
        await load.WaitForAcknowledgedAsync(AcknowledgedBeforeSignal, StartWithin);

        var process = cluster.StorageProcess(0);
        process.Terminate();
        var exitCode = await process.WaitForExitAsync(ExitWithin);
        await load.StopAsync(TimeSpan.FromSeconds(30));

        AssertGracefulStop(exitCode, load, cluster.Logs());
        await cluster.StartStoppedAsync();
        await Parallel.ForEachAsync(load.Acknowledged, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (write, _) =>
        {
            var read = await storage.StorageClient().ReadAsync(new ReadRequest { TenantId = "default", Key = write.Key }, GrpcClients.Within(CallDeadline)).ResponseAsync;
            read.Found.Should().BeTrue($"{write.Key} was acknowledged");
            read.Versions.Should().ContainSingle().Which.Value.ToStringUtf8().Should().Be(write.Value);
        });
    }

    [Fact]
    public async Task Sigterm_EmbeddedModeCoordinatorUnderLoad_StorageStopsAfterTheDrainExitZeroAndWritesSurvive()
    {
        var root = Directory.CreateTempSubdirectory("pairdb-shutdown-").FullName;
        var port = FreePorts.Next();
        var healthPort = FreePorts.Next();
        using var process = new ServerProcess("coordinator-embedded", RepoPaths.CoordinatorDll, new Dictionary<string, string>
        {
            ["SERVER_PORT"] = port.ToString(CultureInfo.InvariantCulture),
            ["HEALTH_PORT"] = healthPort.ToString(CultureInfo.InvariantCulture),
            ["METRICS_PORT"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture),
            ["DATA_DIR"] = Path.Combine(root, "data"),
            ["EMBEDDED_STORAGE_NODES"] = "3",
            ["CLUSTER_PORT"] = "0",
            ["STORAGE_DURABILITY"] = "os",
            ["PROBE_INTERVAL_MS"] = "200",
            ["LOG_LEVEL"] = "Warning",
        });
        using var coordinator = GrpcChannel.ForAddress("http://127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture));
        try
        {
            process.Start();
            await WaitServingAsync(process, coordinator);
            using (var http = new HttpClient())
            {
                var ready = await http.GetAsync(new Uri($"http://127.0.0.1:{healthPort}/health/ready"));
                ready.StatusCode.Should().Be(HttpStatusCode.OK);
                (await ready.Content.ReadAsStringAsync()).Should().StartWith("ready\n");
            }

            var load = WriteLoad.Start(Writers, "embedded", (key, value) => WriteThroughCoordinatorAsync(coordinator, key, value));
            await load.WaitForAcknowledgedAsync(AcknowledgedBeforeSignal, StartWithin);

            process.Terminate();
            var exitCode = await process.WaitForExitAsync(ExitWithin);
            await load.StopAsync(TimeSpan.FromSeconds(30));

            AssertGracefulStop(exitCode, load, process.Output);
            process.Start();
            await WaitServingAsync(process, coordinator);
            await ReadBackThroughCoordinatorAsync(coordinator, load.Acknowledged);
        }
        finally
        {
            process.Kill();
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
                // Files still being released; the OS temp cleanup takes the rest.
            }
        }
    }

    private static void AssertGracefulStop(int? exitCode, WriteLoad load, string logs)
    {
        exitCode.Should().Be(0, "SIGTERM is a graceful stop, within the shutdown timeout\n" + logs);
        var unexpected = load.Failures.Where(static e => !WriteLoad.IsRefusedOrUnreachable(e)).ToList();
        unexpected.Should().BeEmpty("calls may only succeed, be refused or find the server gone: " + WriteLoad.Describe(unexpected.Take(10)));
        load.Failures.Should().NotBeEmpty("the writers must still be calling when the server stops");
        load.Acknowledged.Count.Should().BeGreaterThanOrEqualTo(AcknowledgedBeforeSignal);
    }

    private static async Task WriteThroughCoordinatorAsync(GrpcChannel coordinator, string key, string value)
    {
        var reply = await coordinator.CoordinatorClient().WriteKeyValueAsync(
            new WriteKeyValueRequest { TenantId = "default", Key = key, Value = ByteString.CopyFromUtf8(value), Consistency = "quorum" }, GrpcClients.Within(CallDeadline)).ResponseAsync;
        reply.Success.Should().BeTrue($"an OK write of {key} reports success");
    }

    private static Task WriteToStorageAsync(GrpcChannel storage, string key, string value) =>
        storage.StorageClient().WriteAsync(
            new WriteRequest
            {
                TenantId = "default",
                Key = key,
                Version = new StorageVersion
                {
                    Value = ByteString.CopyFromUtf8(value),
                    TimestampMicros = 1,
                    CoordinatorId = "shutdown-test",
                    Clock = { new ClockEntry { NodeId = "shutdown-test", Counter = 1 } },
                },
            }, GrpcClients.Within(CallDeadline)).ResponseAsync;

    private static Task ReadBackThroughCoordinatorAsync(GrpcChannel coordinator, IReadOnlyDictionary<string, string> acknowledged) =>
        Parallel.ForEachAsync(acknowledged, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (write, _) =>
        {
            var read = await coordinator.CoordinatorClient().ReadKeyValueAsync(
                new ReadKeyValueRequest { TenantId = "default", Key = write.Key, Consistency = "quorum" }, GrpcClients.Within(CallDeadline)).ResponseAsync;
            read.Value.ToStringUtf8().Should().Be(write.Value, $"{write.Key} was acknowledged");
        });

    private static async Task<ServingStatus> CheckAsync(GrpcChannel channel, string service) =>
        (await new Health.HealthClient(channel).CheckAsync(new Grpc.Health.V1.HealthCheckRequest { Service = service }, GrpcClients.Within(CallDeadline)).ResponseAsync).Status;

    /// <summary>Waits until the standard health check says SERVING (stores answer, ring reachable, tenant default present).</summary>
    private static async Task WaitServingAsync(ServerProcess process, GrpcChannel channel)
    {
        var deadline = DateTime.UtcNow + StartWithin;
        while (DateTime.UtcNow < deadline)
        {
            process.IsRunning.Should().BeTrue($"{process.Name} exited during start\n{process.Output}");
            try
            {
                if (await CheckAsync(channel, "") == ServingStatus.Serving)
                {
                    return;
                }
            }
            catch (RpcException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{process.Name} was not serving within {StartWithin.TotalSeconds} s.\n{process.Output}");
    }
}
