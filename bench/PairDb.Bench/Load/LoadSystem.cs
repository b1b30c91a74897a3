namespace PairDb.Bench.Load;

/// <summary>Which server the load generator drives.</summary>
public enum LoadSystem
{
    /// <summary>A PairDB coordinator (proto.CoordinatorService).</summary>
    PairDb,

    /// <summary>An etcd v3 member (etcdserverpb.KV Put and linearizable Range), for comparison.</summary>
    Etcd,
}
