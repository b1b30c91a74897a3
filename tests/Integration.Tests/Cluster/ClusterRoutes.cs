namespace PairDb.Integration.Tests.Cluster;

/// <summary>
/// Where the coordinators of a <see cref="ClusterHarness"/> reach each other and the storage nodes, so a test can put a
/// fault proxy on a link. By default every process is reached at the port it listens on.
/// </summary>
/// <param name="Storage">The port coordinators reach storage node i (0-based) at, given the port it listens on.</param>
/// <param name="Cluster">The Akka.Remote port coordinator i advertises (CLUSTER_PUBLIC_PORT), given the port it listens on.</param>
public sealed record ClusterRoutes(Func<int, int, int> Storage, Func<int, int, int> Cluster)
{
    public ClusterRoutes()
        : this(static (_, port) => port, static (_, port) => port)
    {
    }
}
