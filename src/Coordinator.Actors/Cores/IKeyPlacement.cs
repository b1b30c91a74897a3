using PairDb.Messages.Values;

namespace PairDb.Actors.Cores;

/// <summary>Where one key's writes go, as the ring shows it when a round needs it (a fake in tests).</summary>
public interface IKeyPlacement
{
    /// <summary>The key's preference list: the first <paramref name="replicationFactor"/> distinct nodes clockwise.</summary>
    StorageNode[] PreferenceList(int replicationFactor);

    /// <summary>How many of <paramref name="replicas"/> the failure detector holds down.</summary>
    int CountDown(StorageNode[] replicas);

    /// <summary>"id: reason" of each of <paramref name="replicas"/> that is down, joined by "; ".</summary>
    string DownDetail(StorageNode[] replicas);

    /// <summary>Whether the node is being rebuilt after losing its data (its answers to a read do not count).</summary>
    bool IsRebuilding(string nodeId);
}
