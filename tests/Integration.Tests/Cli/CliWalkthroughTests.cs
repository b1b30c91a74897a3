using System.Globalization;
using FluentAssertions;
using Grpc.Core;
using Grpc.Net.Client;
using PairDb.Integration.Tests.Cluster;
using PairDb.Protocol.Coordinator;
using PairDb.Protocol.Storage;

namespace PairDb.Integration.Tests.Cli;

/// <summary>
/// The README's "Operating with the pairdb CLI" walkthrough, run verbatim by the real CLI against a real
/// coordinator in embedded mode (three in-process storage nodes) plus one extra storage node process.
/// </summary>
public sealed class CliWalkthroughTests : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan WatchTimeout = TimeSpan.FromMinutes(5);
    private readonly string _root = Directory.CreateTempSubdirectory("pairdb-cli-").FullName;
    private readonly int _coordinatorPort = FreePorts.Next();
    private readonly int _storagePort = FreePorts.Next();
    private ServerProcess? _coordinator;
    private ServerProcess? _storage;

    [Fact]
    public async Task ReadmeWalkthrough_RunVerbatim_EveryStepSucceeds()
    {
        // Arrange: the extra node's id and the value written come from the README itself.
        var commands = ReadmeWalkthrough.Commands();
        Verbs(commands).Should().Equal("cluster status", "node add", "tenant create", "kv put", "kv get", "node list");
        var nodeAdd = commands.Single(static c => Verb(c) == "node add");
        var newNodeId = nodeAdd[2];
        var put = commands.Single(static c => Verb(c) == "kv put");
        var value = put[4];
        await StartClusterAsync(newNodeId);
        var cli = new PairDbCli("127.0.0.1:" + _coordinatorPort.ToString(CultureInfo.InvariantCulture));

        // Act / Assert, step by step, as an operator would read the output.
        foreach (var command in commands)
        {
            var args = Verb(command) == "node add"
                ? ReadmeWalkthrough.WithOption(command, "--port", _storagePort.ToString(CultureInfo.InvariantCulture))
                : command;
            var result = await cli.RunAsync(args, Verb(command) == "node add" ? WatchTimeout : CommandTimeout);
            var because = result.Describe() + "\n" + Logs();
            result.ExitCode.Should().Be(0, because);
            result.StandardError.Should().BeEmpty(because);
            switch (Verb(command))
            {
                case "cluster status":
                    result.StandardOutput.Should().Contain("Storage nodes").And.Contain("3 (storage-1, storage-2, storage-3)", because);
                    break;
                case "node add":
                    result.StandardOutput.Should().Contain(newNodeId).And.MatchRegex(@"Status\s+completed", because);
                    break;
                case "tenant create":
                    result.StandardOutput.Should().Contain(command[2], because);
                    break;
                case "kv get":
                    result.StandardOutput.Should().Contain(value, because);
                    break;
                case "node list":
                    result.StandardOutput.Should().Contain("storage-1").And.Contain("storage-2").And.Contain("storage-3").And.Contain(newNodeId)
                        .And.Contain("4 nodes", because);
                    break;
                default:
                    break;
            }
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        var alive = new List<Exception>();
        foreach (var process in new[] { _storage, _coordinator })
        {
            try
            {
                process?.Dispose();
            }
            catch (TimeoutException ex)
            {
                alive.Add(ex);
            }
        }

        if (alive.Count > 0)
        {
            // A process that outlived SIGKILL may still write to its data directory, so the directory stays.
            throw new AggregateException($"{alive.Count} processes in {_root} did not stop.", alive);
        }

        await Task.Yield();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A killed process may still be releasing files; the OS temp cleanup takes the rest.
        }
    }

    private static string Verb(string[] command) => command.Length >= 2 ? command[0] + " " + command[1] : string.Join(' ', command);

    private static List<string> Verbs(IReadOnlyList<string[]> commands) => [.. commands.Select(Verb)];

    private async Task StartClusterAsync(string newNodeId)
    {
        // The coordinator on embedded defaults (three storage nodes in its process), on free ports.
        _coordinator = new ServerProcess("coordinator", RepoPaths.CoordinatorDll, new Dictionary<string, string>
        {
            ["SERVER_PORT"] = _coordinatorPort.ToString(CultureInfo.InvariantCulture),
            ["HEALTH_PORT"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture),
            ["METRICS_PORT"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture),
            ["DATA_DIR"] = Path.Combine(_root, "coordinator"),
            ["STORAGE_DURABILITY"] = "os",
            ["LOG_LEVEL"] = "Warning",
        });
        _storage = new ServerProcess(newNodeId, RepoPaths.StorageDll, new Dictionary<string, string>
        {
            ["NODE_ID"] = newNodeId,
            ["SERVER_PORT"] = _storagePort.ToString(CultureInfo.InvariantCulture),
            ["HEALTH_PORT"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture),
            ["DATA_DIR"] = Path.Combine(_root, newNodeId),
            ["DURABILITY"] = "os",
        });
        _coordinator.Start();
        _storage.Start();
        using var coordinator = GrpcChannel.ForAddress("http://127.0.0.1:" + _coordinatorPort.ToString(CultureInfo.InvariantCulture));
        using var storage = GrpcChannel.ForAddress("http://127.0.0.1:" + _storagePort.ToString(CultureInfo.InvariantCulture));
        await WaitUntilAsync(_coordinator, async () =>
            (await coordinator.CoordinatorClient().GetTenantAsync(new GetTenantRequest { TenantId = "default" }, GrpcClients.Within(TimeSpan.FromSeconds(2))).ResponseAsync).ReplicationFactor > 0);
        await WaitUntilAsync(_storage, async () =>
            (await storage.StorageClient().HealthCheckAsync(new HealthCheckRequest(), GrpcClients.Within(TimeSpan.FromSeconds(2))).ResponseAsync).Healthy);
    }

    private string Logs() => $"--- coordinator ---\n{_coordinator?.Output}\n--- {_storage?.Name} ---\n{_storage?.Output}";

    private static async Task WaitUntilAsync(ServerProcess process, Func<Task<bool>> ready)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (!process.IsRunning)
            {
                throw new InvalidOperationException($"{process.Name} exited during start.\n{process.Output}");
            }

            try
            {
                if (await ready())
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

        throw new TimeoutException($"{process.Name} was not ready within {StartTimeout.TotalSeconds} s.\n{process.Output}");
    }
}
