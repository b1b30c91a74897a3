namespace PairDb.Coordinator.Configuration;

/// <summary>One seed coordinator of cluster.seeds / CLUSTER_SEEDS: the host and Akka.Remote port it is reached at.</summary>
/// <param name="Host">Host name or IP address (IPv6 in brackets, e.g. [fd00::5]), exactly as that coordinator's cluster.hostname says it.</param>
/// <param name="Port">Its Akka.Remote port (cluster.port), 1..65535.</param>
public sealed record ClusterSeed(string Host, int Port)
{
    /// <summary>host:port, as written in CLUSTER_SEEDS.</summary>
    public override string ToString() => Host + ":" + Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
