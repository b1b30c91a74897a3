using PairDb.Actors.Cores;
using PairDb.Actors.Ring;
using PairDb.Messages.Values;

namespace PairDb.Actors.Keys;

/// <summary>One key's placement read from the current ring snapshot each time a round asks.</summary>
internal sealed class RingPlacement(RingView ring, string tenantId, string key) : IKeyPlacement
{
    public StorageNode[] PreferenceList(int replicationFactor) => ring.Current.PreferenceList(tenantId, key, replicationFactor);

    public int CountDown(StorageNode[] replicas)
    {
        var snapshot = ring.Current;
        var down = 0;
        foreach (var replica in replicas)
        {
            down += snapshot.IsDown(replica.NodeId) ? 1 : 0;
        }

        return down;
    }

    public string DownDetail(StorageNode[] replicas) => ring.Current.DownDetail(replicas);

    public bool IsRebuilding(string nodeId) => ring.Current.IsRebuilding(nodeId);
}
