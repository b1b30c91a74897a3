using System.Globalization;
using Grpc.Core;
using Grpc.Net.Client;
using PairDb.Integration.Tests.Infrastructure;
using PairDb.Protocol.Coordinator;
using PairDb.Protocol.Storage;

namespace PairDb.Integration.Tests.Cluster;

/// <summary>
/// A real cluster of processes on loopback in the production shape: storage node processes and coordinator processes
/// that reach them through STORAGE_NODES and keep their metadata in a scratch database of the test PostgreSQL and their
/// idempotency records in the test Redis (<see cref="SharedStores"/>), each process with fixed ports and data
/// directories so any of them can be SIGKILLed and restarted. Without the test servers it fails, naming them.
/// Everything is killed and deleted on dispose.
/// </summary>
public sealed class ClusterHarness : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private readonly string _root = Directory.CreateTempSubdirectory("pairdb-cluster-").FullName;
    private readonly List<ServerProcess> _storage = [];
    private readonly List<int> _storagePorts = [];
    private readonly List<ServerProcess> _coordinators = [];
    private readonly List<GrpcChannel> _channels = [];
    private readonly Dictionary<string, string> _coordinatorEnvironment = new(StringComparer.Ordinal);

    /// <summary>Akka.Remote ports of the coordinators when they form one cluster; empty when each is on its own.</summary>
    private List<int> _clusterPorts = [];

    /// <summary>The Akka.Remote ports the coordinators advertise (CLUSTER_PUBLIC_PORT), one per entry of <see cref="_clusterPorts"/>.</summary>
    private List<int> _clusterPublicPorts = [];

    /// <summary>The ports the coordinators reach the listed storage nodes at (STORAGE_NODES), one per node.</summary>
    private List<int> _storageRoutes = [];

    public IReadOnlyList<int> StoragePorts => _storagePorts;

    /// <param name="storageNodes">Storage nodes the coordinators know from the start (STORAGE_NODES).</param>
    /// <param name="coordinators">Coordinator processes.</param>
    /// <param name="spareStorageNodes">Further storage nodes started but not listed, to add through AddStorageNode.</param>
    /// <param name="coordinatorEnvironment">Extra settings for every coordinator (over the shared stores' settings).</param>
    /// <param name="oneCluster">
    /// The coordinators form one Akka.NET cluster (fixed remoting ports, the first one the seed of all). Otherwise each
    /// coordinator is a one-node cluster of its own over the same stores.
    /// </param>
    /// <param name="routes">Where the coordinators reach the storage nodes and advertise their Akka.Remote, when a test puts proxies in between.</param>
    public static async Task<ClusterHarness> StartAsync(
        int storageNodes,
        int coordinators,
        int spareStorageNodes = 0,
        IReadOnlyDictionary<string, string>? coordinatorEnvironment = null,
        bool oneCluster = false,
        ClusterRoutes? routes = null)
    {
        var cluster = new ClusterHarness();
        routes ??= new ClusterRoutes();
        try
        {
            if (oneCluster)
            {
                cluster._clusterPorts = [.. Enumerable.Range(0, coordinators).Select(static _ => FreePorts.Next())];
                cluster._clusterPublicPorts = [.. cluster._clusterPorts.Select((port, i) => routes.Cluster(i, port))];
            }

            if (coordinators > 0)
            {
                foreach (var (name, value) in await SharedStores.EnvironmentAsync(new TestServers()))
                {
                    cluster._coordinatorEnvironment[name] = value;
                }
            }

            foreach (var (name, value) in coordinatorEnvironment ?? new Dictionary<string, string>())
            {
                cluster._coordinatorEnvironment[name] = value;
            }

            for (var i = 1; i <= storageNodes + spareStorageNodes; i++)
            {
                cluster.AddStorage(i);
            }

            cluster._storageRoutes = [.. cluster._storagePorts.Take(storageNodes).Select((port, i) => routes.Storage(i, port))];

            for (var i = 0; i < coordinators; i++)
            {
                cluster.AddCoordinator();
            }

            await cluster.WaitAllReadyAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>The Akka.Remote port coordinator <paramref name="index"/> listens on when the coordinators form one cluster.</summary>
    public int ClusterPort(int index) => _clusterPorts[index];

    /// <summary>The Akka.Remote port coordinator <paramref name="index"/> advertises: its member address is 127.0.0.1 and this port.</summary>
    public int ClusterPublicPort(int index) => _clusterPublicPorts[index];

    /// <summary>The coordinator client for coordinator <paramref name="index"/>.</summary>
    public GrpcChannel Coordinator(int index = 0) => _channels[index];

    /// <summary>A direct client of storage node <paramref name="index"/> (0-based), for checking replicas.</summary>
    public GrpcChannel Storage(int index) => _channels[_coordinators.Count + index];

    public void KillStorage(int index) => _storage[index].Kill();

    /// <summary>The process of coordinator <paramref name="index"/>, to signal it or read its exit code.</summary>
    public ServerProcess CoordinatorProcess(int index = 0) => _coordinators[index];

    /// <summary>The process of storage node <paramref name="index"/> (0-based), to signal it or read its exit code.</summary>
    public ServerProcess StorageProcess(int index) => _storage[index];

    /// <summary>Starts every process that is not running (e.g. one stopped with SIGTERM) and waits until all are ready.</summary>
    public Task StartStoppedAsync() => WaitAllReadyAsync();

    /// <summary>Deletes the data directory of stopped storage node <paramref name="index"/> (a lost disk).</summary>
    public void WipeStorageData(int index) =>
        Directory.Delete(Path.Combine(_root, "storage-" + (index + 1).ToString(CultureInfo.InvariantCulture)), recursive: true);

    public async Task RestartStorageAsync(int index)
    {
        _storage[index].Start();
        await WaitStorageReadyAsync(index);
    }

    /// <summary>SIGKILLs every process of the cluster at once.</summary>
    public void KillAll()
    {
        Parallel.ForEach([.. _coordinators, .. _storage], static p => p.Kill());
    }

    public async Task RestartAllAsync()
    {
        foreach (var process in _storage)
        {
            process.Start();
        }

        foreach (var process in _coordinators)
        {
            process.Start();
        }

        await WaitAllReadyAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var channel in _channels)
        {
            channel.Dispose();
        }

        var alive = new List<Exception>();
        foreach (var process in _coordinators.Concat(_storage))
        {
            try
            {
                process.Dispose();
            }
            catch (TimeoutException ex)
            {
                alive.Add(ex);
            }
        }

        if (alive.Count > 0)
        {
            // A process that outlived SIGKILL may still write to its data directory, so the directories stay.
            throw new AggregateException($"{alive.Count} processes of the cluster in {_root} did not stop.", alive);
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

    /// <summary>Process output of every server, for assertion messages.</summary>
    public string Logs() => string.Join("\n", _coordinators.Concat(_storage).Select(static p => $"--- {p.Name} ---\n{p.Output}"));

    private void AddStorage(int number)
    {
        var id = "storage-" + number.ToString(CultureInfo.InvariantCulture);
        var port = FreePorts.Next();
        _storagePorts.Add(port);
        _storage.Add(new ServerProcess(id, RepoPaths.StorageDll, new Dictionary<string, string>
        {
            ["NODE_ID"] = id,
            ["SERVER_PORT"] = port.ToString(CultureInfo.InvariantCulture),
            ["HEALTH_PORT"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture),
            ["DATA_DIR"] = Path.Combine(_root, id),
            ["DURABILITY"] = "os",
            ["METRICS_PORT"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture),
        }));
    }

    private void AddCoordinator()
    {
        var index = _coordinators.Count;
        var name = "coordinator-" + index.ToString(CultureInfo.InvariantCulture);
        var port = FreePorts.Next();
        var nodes = string.Join(",", _storageRoutes.Select((p, i) => $"storage-{i + 1}=127.0.0.1:{p}"));
        var environment = new Dictionary<string, string>(_coordinatorEnvironment)
        {
            ["SERVER_PORT"] = port.ToString(CultureInfo.InvariantCulture),
            ["HEALTH_PORT"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture),
            ["DATA_DIR"] = Path.Combine(_root, name),
            ["EMBEDDED_STORAGE_NODES"] = "0",
            ["CLUSTER_PORT"] = "0",
            ["STORAGE_NODES"] = nodes,
            ["METRICS_PORT"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture),
            ["PROBE_INTERVAL_MS"] = "200",
            ["LOG_LEVEL"] = "Warning",
        };
        if (_clusterPorts.Count > 0)
        {
            environment["CLUSTER_PORT"] = _clusterPorts[index].ToString(CultureInfo.InvariantCulture);
            environment["CLUSTER_PUBLIC_PORT"] = _clusterPublicPorts[index].ToString(CultureInfo.InvariantCulture);
            environment["CLUSTER_SEEDS"] = "127.0.0.1:" + _clusterPublicPorts[0].ToString(CultureInfo.InvariantCulture);
        }

        _coordinators.Add(new ServerProcess(name, RepoPaths.CoordinatorDll, environment));
        _channels.Insert(_coordinators.Count - 1, GrpcChannel.ForAddress("http://127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture)));
    }

    private async Task WaitAllReadyAsync()
    {
        if (_channels.Count < _coordinators.Count + _storage.Count)
        {
            foreach (var port in _storagePorts)
            {
                _channels.Add(GrpcChannel.ForAddress("http://127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture)));
            }
        }

        foreach (var process in _storage.Where(static p => !p.IsRunning))
        {
            process.Start();
        }

        for (var i = 0; i < _storage.Count; i++)
        {
            await WaitStorageReadyAsync(i);
        }

        for (var i = 0; i < _coordinators.Count; i++)
        {
            if (!_coordinators[i].IsRunning)
            {
                _coordinators[i].Start();
            }

            var coordinator = Coordinator(i);
            await WaitUntilAsync(_coordinators[i], async () =>
            {
                var tenant = await coordinator.CoordinatorClient().GetTenantAsync(new GetTenantRequest { TenantId = "default" }, ReadinessCall()).ResponseAsync;
                return tenant.ReplicationFactor > 0;
            });
        }
    }

    /// <summary>The readiness probe's call options: with the admin token when the coordinators have authentication on.</summary>
    private CallOptions ReadinessCall() => _coordinatorEnvironment.TryGetValue("ADMIN_TOKEN", out var token)
        ? new CallOptions(new Metadata { { "authorization", "Bearer " + token } }, DateTime.UtcNow + TimeSpan.FromSeconds(2))
        : GrpcClients.Within(TimeSpan.FromSeconds(2));

    private Task WaitStorageReadyAsync(int index)
    {
        var channel = Storage(index);
        return WaitUntilAsync(_storage[index], async () =>
            (await channel.StorageClient().HealthCheckAsync(new HealthCheckRequest(), GrpcClients.Within(TimeSpan.FromSeconds(2))).ResponseAsync).Healthy);
    }

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
