using PairDb.Actors.Cores;
using PairDb.Actors.Tests.Domain.Support;
using PairDb.Messages.Values;

namespace PairDb.Actors.Tests.Cores.KeyRound;

/// <summary>A fixed preference list (the first RF of <see cref="Nodes"/>) with settable sets of down and rebuilding nodes.</summary>
internal sealed class FakePlacement : IKeyPlacement
{
    public StorageNode[] Nodes { get; init; } = TestData.ThreeNodes;

    public HashSet<string> Down { get; } = [];

    public HashSet<string> Rebuilding { get; } = [];

    public StorageNode[] PreferenceList(int replicationFactor) => Nodes.Take(replicationFactor).ToArray();

    public int CountDown(StorageNode[] replicas) => replicas.Count(r => Down.Contains(r.NodeId));

    public string DownDetail(StorageNode[] replicas) =>
        string.Join("; ", replicas.Where(r => Down.Contains(r.NodeId)).Select(r => r.NodeId + ": unreachable"));

    public bool IsRebuilding(string nodeId) => Rebuilding.Contains(nodeId);
}
