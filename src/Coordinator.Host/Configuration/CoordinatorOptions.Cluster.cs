namespace PairDb.Coordinator.Configuration;

/// <summary>The cluster settings, which stores a coordinator runs on, and the rules that tie the two together.</summary>
public sealed partial record CoordinatorOptions
{
    /// <summary>cluster.* / CLUSTER_*, MANAGEMENT_PORT: this coordinator's place in the coordinators' Akka.NET cluster.</summary>
    public ClusterSettings Cluster { get; init; } = new();

    /// <summary>
    /// Where clients reach this coordinator's gRPC service: cluster.hostname and server.port. Named as the owner of the
    /// keys whose actors run here (the pairdb-owner trailer), so a client can send a key straight to its owner.
    /// </summary>
    public string ClientEndpoint => Cluster.Hostname + ":" + ServerPort.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>True when the metadata is the embedded SQLite file data_dir/metadata.db (database.host empty), not PostgreSQL.</summary>
    public bool UsesEmbeddedMetadata => DatabaseHost.Length == 0;

    /// <summary>True when the idempotency records are the embedded store data_dir/idempotency.db (redis.host empty), not Redis.</summary>
    public bool UsesEmbeddedIdempotency => RedisHost.Length == 0;

    /// <summary>
    /// Refuses a coordinator that joins other coordinators (cluster.seeds set) while either store is embedded: every
    /// coordinator of a cluster must see the same tenants, storage nodes, migrations and idempotency records, which a
    /// file in one coordinator's data folder cannot give the others. Throws <see cref="CoordinatorConfigurationException"/>.
    /// </summary>
    public void RequireSharedStoresForCluster()
    {
        if (Cluster.JoinsItself || (!UsesEmbeddedMetadata && !UsesEmbeddedIdempotency))
        {
            return;
        }

        var embedded = new List<string>(2);
        var settings = new List<string>(2);
        if (UsesEmbeddedMetadata)
        {
            embedded.Add("database.host (DATABASE_HOST) is empty, so the metadata would be this coordinator's own SQLite file "
                + Path.Combine(DataDirectory, "metadata.db"));
            settings.Add("database.host (DATABASE_HOST) to the shared PostgreSQL server");
        }

        if (UsesEmbeddedIdempotency)
        {
            embedded.Add("redis.host (REDIS_HOST) is empty, so the idempotency records would be this coordinator's own file "
                + Path.Combine(DataDirectory, "idempotency.db"));
            settings.Add("redis.host (REDIS_HOST) to the shared Redis server");
        }

        var seeds = string.Join(',', Cluster.Seeds);
        throw new CoordinatorConfigurationException(
            "cluster.seeds",
            seeds,
            "Invalid setting cluster.seeds (CLUSTER_SEEDS): several coordinators need shared stores, PostgreSQL metadata and Redis idempotency "
            + $"records, but {string.Join(" and ", embedded)}. Set {string.Join(" and ", settings)}, or leave cluster.seeds empty for a "
            + $"one-coordinator cluster; got '{seeds}'.");
    }

    /// <summary>The cluster's ports must not collide with the listeners', and the stores must be shared when there are seeds.</summary>
    private void ValidateCluster()
    {
        RequireDistinct("cluster.port", "CLUSTER_PORT", Cluster.Port, ServerPort, "server.port");
        RequireDistinct("cluster.port", "CLUSTER_PORT", Cluster.Port, HealthPort, "health.port");
        RequireDistinct("cluster.management_port", "MANAGEMENT_PORT", Cluster.ManagementPort, ServerPort, "server.port");
        RequireDistinct("cluster.management_port", "MANAGEMENT_PORT", Cluster.ManagementPort, HealthPort, "health.port");
        RequireDistinct("cluster.management_port", "MANAGEMENT_PORT", Cluster.ManagementPort, Cluster.Port, "cluster.port");
        if (MetricsEnabled)
        {
            RequireDistinct("cluster.port", "CLUSTER_PORT", Cluster.Port, MetricsPort, "metrics.port");
            RequireDistinct("cluster.management_port", "MANAGEMENT_PORT", Cluster.ManagementPort, MetricsPort, "metrics.port");
        }

        RequireSharedStoresForCluster();
    }
}
