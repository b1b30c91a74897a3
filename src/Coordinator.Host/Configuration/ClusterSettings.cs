namespace PairDb.Coordinator.Configuration;

/// <summary>
/// The coordinators' Akka.NET cluster: the address this coordinator's Akka.Remote is reached at, the seed coordinators
/// it joins, and the port reserved for Akka.Management. config.yaml section cluster; docs/configuration.md, Cluster.
/// </summary>
public sealed record ClusterSettings
{
    public const string DefaultHostname = "127.0.0.1";

    /// <summary>Akka.Remote's customary port.</summary>
    public const int DefaultPort = 4053;

    /// <summary>Akka.Management's customary HTTP port.</summary>
    public const int DefaultManagementPort = 8558;

    /// <summary>
    /// cluster.hostname / CLUSTER_HOSTNAME: host name or IP address other coordinators reach this one's Akka.Remote at
    /// (its advertised address; a seed entry naming this coordinator must spell it the same way). In Kubernetes, the
    /// pod's stable DNS name through the headless service.
    /// </summary>
    public string Hostname { get; init; } = DefaultHostname;

    /// <summary>cluster.port / CLUSTER_PORT: Akka.Remote port; 0 picks a free one (only for a coordinator no other one names as a seed).</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>
    /// cluster.public_port / CLUSTER_PUBLIC_PORT: the port other coordinators reach this one's Akka.Remote at when it
    /// differs from the one it listens on (a port mapping, a proxy or a NAT in between); 0, the default, advertises
    /// <see cref="Port"/>. A seed entry naming this coordinator must use this port.
    /// </summary>
    public int PublicPort { get; init; }

    /// <summary>
    /// cluster.seeds / CLUSTER_SEEDS: seed coordinators this one joins through (the first reachable one admits it; the
    /// first seed, when it is this coordinator, forms the cluster). Empty: a one-coordinator cluster that joins itself.
    /// </summary>
    public IReadOnlyList<ClusterSeed> Seeds { get; init; } = [];

    /// <summary>cluster.management_port / MANAGEMENT_PORT: HTTP port reserved for Akka.Management (Cluster Bootstrap, cluster HTTP API).</summary>
    public int ManagementPort { get; init; } = DefaultManagementPort;

    /// <summary>True without seeds: this coordinator joins itself and is the whole cluster.</summary>
    public bool JoinsItself => Seeds.Count == 0;
}
