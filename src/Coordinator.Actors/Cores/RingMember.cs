namespace PairDb.Actors.Cores;

/// <summary>A storage node as the hash ring sees it: its id and how many virtual nodes it places on the ring.</summary>
public readonly record struct RingMember(string NodeId, int VirtualNodes = HashRing.DefaultVirtualNodes);
