using PairDb.Coordinator.Configuration;
using PairDb.Coordinator.Tests.Stores;
using PairDb.Storage.Hosting;

namespace PairDb.Coordinator.Tests.Deployment;

/// <summary>
/// What the code says about one server process, taken from the code itself: its assembly, the settings its options
/// loader produces from an empty environment (the process's defaults, ports included), the environment variables
/// that loader reads (recorded while it runs), and how it loads a given environment. The manifests and the
/// Dockerfile are checked against these.
/// </summary>
internal sealed record ServerProcess(
    string ContainerName,
    string DockerTarget,
    string AssemblyName,
    LoadedSettings Defaults,
    IReadOnlySet<string> SettingNames,
    Func<Func<string, string?>, LoadedSettings> Load)
{
    /// <summary>
    /// With no node id configured the coordinator loader persists a generated one in its data folder; runs that must not
    /// write there answer this variable with a scratch folder (as ConfigurationTestContext does).
    /// </summary>
    private const string DataFolderVariable = "DATA_DIR";

    public static readonly ServerProcess Coordinator = Create(
        "coordinator",
        typeof(CoordinatorOptions).Assembly.GetName().Name!,
        static environment =>
        {
            var options = CoordinatorOptionsLoader.Load([], environment);
            return new LoadedSettings(
                options.ServerPort, options.HealthPort, options.MetricsPort, options.BindAddress, options.DataDirectory, options.NodeId, options.ShutdownTimeout,
                options.Cluster.Port);
        });

    public static readonly ServerProcess Storage = Create(
        "storage",
        typeof(StorageNodeOptions).Assembly.GetName().Name!,
        static environment =>
        {
            var options = StorageNodeOptionsLoader.Load(environment);
            return new LoadedSettings(
                options.ServerPort, options.HealthPort, options.MetricsPort, options.BindAddress, options.DataDirectory, options.NodeId, options.ShutdownTimeout);
        });

    public static IReadOnlyList<ServerProcess> All { get; } = [Coordinator, Storage];

    /// <summary>The process's default ports (with no configuration), keyed by the port names the manifests use.</summary>
    public IReadOnlyDictionary<string, int> DefaultPorts
    {
        get
        {
            var ports = new Dictionary<string, int>(StringComparer.Ordinal) { ["grpc"] = Defaults.GrpcPort };
            if (Defaults.HealthPort is { } health)
            {
                ports["health"] = health;
            }

            if (Defaults.MetricsPort is { } metrics)
            {
                ports["metrics"] = metrics;
            }

            if (Defaults.RemotingPort is { } remoting)
            {
                ports["remoting"] = remoting;
            }

            return ports;
        }
    }

    public LoadedSettings LoadFrom(IReadOnlyDictionary<string, string> environment) =>
        Load(name => environment.TryGetValue(name, out var value) ? value : null);

    /// <summary>Loads <paramref name="environment"/> with the data folder redirected to a scratch folder.</summary>
    public LoadedSettings LoadWithScratchDataFolder(IReadOnlyDictionary<string, string> environment)
    {
        using var scratch = new TestDirectory();
        return Load(name => name == DataFolderVariable ? scratch.Path : environment.TryGetValue(name, out var value) ? value : null);
    }

    public override string ToString() => ContainerName;

    /// <summary>Runs the loader once over an empty environment, recording every variable name it looks up.</summary>
    private static ServerProcess Create(string name, string assemblyName, Func<Func<string, string?>, LoadedSettings> load)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        using var scratch = new TestDirectory();
        var defaults = load(variable =>
        {
            names.Add(variable);
            return variable == DataFolderVariable ? scratch.Path : null;
        });
        return new ServerProcess(name, name, assemblyName, defaults, names, load);
    }
}
