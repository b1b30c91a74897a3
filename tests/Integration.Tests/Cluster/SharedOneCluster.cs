namespace PairDb.Integration.Tests.Cluster;

/// <summary>
/// Three storage processes and three coordinator processes in one Akka.NET cluster, shared by the tests of one class
/// (a class fixture) that only write and read, each under keys of its own: starting such a cluster takes most of
/// such a test's time. Tests that kill, stop or partition a process start their own.
/// </summary>
public sealed class SharedOneCluster : IAsyncLifetime
{
    private ClusterHarness? _cluster;

    /// <summary>The running cluster (set once the fixture has started).</summary>
    public ClusterHarness Cluster => _cluster ?? throw new InvalidOperationException("The shared cluster has not started.");

    public async Task InitializeAsync() =>
        _cluster = await ClusterHarness.StartAsync(storageNodes: 3, coordinators: 3, oneCluster: true);

    public async Task DisposeAsync()
    {
        if (_cluster is { } cluster)
        {
            await cluster.DisposeAsync();
        }
    }
}
