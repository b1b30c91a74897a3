namespace PairDb.Messages.Values;

/// <summary>A storage node as the metadata store knows it: identity, address, ring weight and state.</summary>
public sealed record StorageNode(string NodeId, string Host, int Port, int VirtualNodes, StorageNodeStatus Status)
{
    /// <summary>The node's gRPC address, e.g. "http://127.0.0.1:50061".</summary>
    public string Address => "http://" + Host + ":" + Port;
}
