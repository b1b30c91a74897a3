using System.Globalization;
using PairDb.Client;
using PairDb.Integration.Tests.Cluster;

namespace PairDb.Integration.Tests.Client;

/// <summary>
/// The one-command cluster (what `dotnet run --project src/Coordinator.Host` starts: three embedded storage nodes,
/// SQLite metadata, the embedded idempotency store) as a real process on free loopback ports with a temporary
/// DATA_DIR, for the client library's tests and the examples.
/// </summary>
public sealed class OneCommandCoordinator : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("pairdb-client-").FullName;
    private readonly int _port = FreePorts.Next();
    private ServerProcess? _process;

    /// <summary>host:port of the coordinator's gRPC service.</summary>
    public string Address => "127.0.0.1:" + _port.ToString(CultureInfo.InvariantCulture);

    /// <summary>The coordinator's output so far, for assertion messages.</summary>
    public string Output => _process?.Output ?? string.Empty;

    /// <summary>A client of this coordinator; <paramref name="configure"/> may change its options.</summary>
    public PairDbClient NewClient(Action<PairDbClientOptions>? configure = null)
    {
        var options = new PairDbClientOptions { Addresses = { Address } };
        configure?.Invoke(options);
        return new PairDbClient(options);
    }

    public async Task InitializeAsync()
    {
        _process = new ServerProcess("coordinator", RepoPaths.CoordinatorDll, CoordinatorProcesses.Environment(_port, _root));
        _process.Start();
        using var client = NewClient(static o => o.Retry.MaxAttempts = 1);
        await CoordinatorProcesses.WaitReadyAsync(_process, client);
    }

    public async Task DisposeAsync()
    {
        _process?.Dispose();
        await Task.Yield();
        CoordinatorProcesses.DeleteQuietly(_root);
    }
}
